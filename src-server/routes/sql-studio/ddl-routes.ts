// Schema changes from the table editor: preview returns the exact SQL that apply runs (in one audited transaction).
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { auditedOnActive } from '../../studio/audited-active.js';
import { buildDdl, ddlText, type DdlOperation } from '../../studio/ddl.js';
import { who } from './actor.js';
import { DdlBody, DdlResponse } from './schemas.js';

export default async function ddlRoutes(app: FastifyInstance) {
  const ctx = app.trestle;

  app.post('/api/sql/ddl/preview', { config: { access: 'dashboard' }, schema: { body: DdlBody, response: { 200: DdlResponse } } }, async (request) => {
    const op = request.body as DdlOperation;
    // Validation casts default literals through Postgres; a rolled-back read-only transaction keeps that inert.
    const statements = await ctx.databases.active.withClient(async (client) => {
      await client.query('BEGIN READ ONLY');
      try {
        return await buildDdl(client, op);
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    });
    return { sql: ddlText(statements), statements, applied: false };
  });

  app.post('/api/sql/ddl/apply', { config: { access: 'dashboard' }, schema: { body: DdlBody, response: { 200: DdlResponse } } }, async (request) => {
    const op = request.body as DdlOperation;
    const statements = await auditedOnActive(ctx, who(request),
      (s: string[]) => ({ action: `table.${op.op}`, resourceType: 'table', resourceId: `${op.schema}.${op.table}`, detail: { sql: ddlText(s) } }),
      async (client) => {
        const built = await buildDdl(client, op);
        // The extended protocol refuses more than one statement per query: each built statement runs as exactly one.
        for (const statement of built) await client.query({ text: statement, queryMode: 'extended' } as pg.QueryConfig);
        return built;
      });
    return { sql: ddlText(statements), statements, applied: true };
  });
}
