// The table editor's grid: paged reads (/table-browser), one full cell (/cell), the edit queue (/rows/apply)
// and CSV/JSON import (/import).
import type { FastifyInstance } from 'fastify';
import { IMPORT_BODY_LIMIT } from '../../config.js';
import { badRequest } from '../../errors.js';
import { browseTable, type BrowseRequest } from '../../studio/browse.js';
import { readCell } from '../../studio/cell.js';
import { auditedOnActive } from '../../studio/audited-active.js';
import { importRows, type ImportRequest } from '../../studio/import.js';
import { applyEdits, type RowEdit } from '../../studio/row-edits.js';
import type { ViewAs, ViewAsRole } from '../../studio/view-as.js';
import { who } from './actor.js';
import { ApplyEditsBody, ApplyEditsResponse, BrowserQuery, BrowserResponse, CellQuery, ImportBody } from './schemas.js';

function viewAsOf(q: { role?: ViewAsRole; sub?: string }): ViewAs | undefined {
  if (q.sub !== undefined && q.role !== 'authenticated') throw badRequest('VALIDATION_ERROR', 'sub is only used with role=authenticated');
  return q.role ? { role: q.role, sub: q.sub } : undefined;
}

function parsePk(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('INVALID_PK', 'pk must be a JSON object of primary key values, e.g. {"id":1}');
  }
}

export default async function gridRoutes(app: FastifyInstance) {
  const ctx = app.trestle;

  app.get('/api/sql/table-browser', { config: { access: 'dashboard' }, schema: { querystring: BrowserQuery, response: { 200: BrowserResponse } } }, async (request) => {
    const q = request.query as BrowseRequest & { role?: ViewAsRole; sub?: string };
    return browseTable(ctx.databases.active, { ...q, viewAs: viewAsOf(q) });
  });

  app.get('/api/sql/cell', { config: { access: 'dashboard' }, schema: { querystring: CellQuery } }, async (request) => {
    const q = request.query as { schema: string; table: string; column: string; pk: string; role?: ViewAsRole; sub?: string };
    return readCell(ctx.databases.active, { ...q, pk: parsePk(q.pk), viewAs: viewAsOf(q) });
  });

  app.post('/api/sql/rows/apply', { config: { access: 'dashboard' }, schema: { body: ApplyEditsBody, response: { 200: ApplyEditsResponse } } }, async (request) => {
    const { schema, table, edits } = request.body as { schema: string; table: string; edits: RowEdit[] };
    const results = await auditedOnActive(ctx, who(request),
      (r: Awaited<ReturnType<typeof applyEdits>>) => ({
        action: 'table.rows.apply', resourceType: 'table', resourceId: `${schema}.${table}`,
        detail: { edits: r.length, ops: r.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.op]: (acc[e.op] ?? 0) + 1 }), {}) },
      }),
      (client) => applyEdits(ctx.databases.active, client, schema, table, edits));
    return { applied: results.length, results };
  });

  app.post('/api/sql/import', { config: { access: 'dashboard' }, bodyLimit: IMPORT_BODY_LIMIT, schema: { body: ImportBody } }, async (request) => {
    const body = request.body as ImportRequest;
    return auditedOnActive(ctx, who(request),
      (r: { inserted: number }) => ({ action: 'table.import', resourceType: 'table', resourceId: `${body.schema}.${body.table}`, detail: { inserted: r.inserted } }),
      (client) => importRows(client, body));
  });
}
