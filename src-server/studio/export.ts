// Streams a query's result (console SQL, or a table editor view) as CSV or JSON, read through a cursor in a
// read-only transaction so memory stays flat however many rows there are. Errors before the first row are
// ordinary JSON errors; the stream starts only once the query has produced its first batch.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database } from '../db/database.js';
import { badRequest } from '../errors.js';
import { SQL_LIMITS, setStatementTimeout } from '../sql/execute.js';
import { viewSelect, type BrowseRequest } from './browse.js';
import { csvLine } from './csv.js';
import { jsonRow } from './json-values.js';
import { splitStatements } from './sql-tokens.js';
import { loadTable } from './table-meta.js';

const BATCH = 1000;
const asText = { getTypeParser: () => (value: string) => value };

export type ExportFormat = 'csv' | 'json';

export interface ExportRequest {
  format: ExportFormat;
  sql?: string;
  params?: unknown[];
  view?: Pick<BrowseRequest, 'schema' | 'table' | 'order' | 'order_by' | 'order_dir' | 'filter' | 'search' | 'search_column'>;
  timeout?: number;
}

function read(cursor: Cursor, n: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => cursor.read(n, (err, rows) => (err ? reject(err) : resolve(rows))));
}

/** Waits until the consumer wants more; false if it went away. */
async function drained(stream: PassThrough): Promise<boolean> {
  if (!stream.writableNeedDrain) return !stream.destroyed;
  const result = await Promise.race([once(stream, 'drain').then(() => true), once(stream, 'close').then(() => false)]);
  return result && !stream.destroyed;
}

async function querySource(client: pg.ClientBase, req: ExportRequest): Promise<{ sql: string; params: unknown[]; name: string }> {
  if (req.view) {
    const meta = await loadTable(client, req.view.schema, req.view.table);
    return { ...viewSelect(meta, req.view), name: meta.name };
  }
  const statements = splitStatements(req.sql ?? '');
  if (statements.length !== 1) throw badRequest('SINGLE_STATEMENT_REQUIRED', `Export runs exactly one statement; got ${statements.length}`);
  return { sql: statements[0].text, params: req.params ?? [], name: 'query' };
}

export async function exportStream(db: Database, req: ExportRequest): Promise<{ stream: Readable; filename: string; contentType: string }> {
  if (!req.view === !req.sql) throw badRequest('VALIDATION_ERROR', 'Send either sql or view');
  return new Promise((resolveReady, rejectReady) => {
    let out: PassThrough | undefined;
    db.withClient(async (client) => {
      await client.query('BEGIN READ ONLY');
      try {
        await setStatementTimeout(client, req.timeout ?? SQL_LIMITS.maxTimeoutMs);
        const source = await querySource(client, req);
        const cursor = client.query(new Cursor(source.sql, source.params.length ? source.params : undefined,
          req.format === 'csv' ? { rowMode: 'array', types: asText } : {}));
        try {
          let batch = await read(cursor, BATCH);
          const fields = (cursor as unknown as { _result: pg.QueryResult })._result.fields ?? [];
          const stream = new PassThrough();
          stream.on('error', () => undefined); // a client that hangs up mid-download is not a server error
          out = stream;
          const ext = req.format === 'csv' ? 'csv' : 'json';
          resolveReady({
            stream, filename: `${source.name}.${ext}`,
            contentType: req.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          });
          let first = true;
          if (req.format === 'csv') stream.write(csvLine(fields.map((f) => f.name)));
          else stream.write('[');
          for (;;) {
            let chunk = '';
            for (const row of batch) {
              if (req.format === 'csv') chunk += csvLine(row as Array<string | null>);
              else {
                chunk += (first ? '\n' : ',\n') + JSON.stringify(jsonRow(row as Record<string, unknown>));
                first = false;
              }
            }
            if (chunk) stream.write(chunk);
            if (batch.length < BATCH || !(await drained(stream))) break;
            batch = await read(cursor, BATCH);
          }
          if (req.format === 'json') stream.write(first ? ']' : '\n]');
          stream.end();
        } finally {
          await cursor.close().catch(() => undefined);
        }
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    }).catch((err: unknown) => {
      if (out) out.destroy(err as Error);
      else rejectReady(err);
    });
  });
}
