// Imports rows (JSON arrays, or CSV text with a header-to-column mapping) into a table in one transaction, in
// batches of one INSERT … SELECT FROM unnest(text arrays) with catalog-typed casts. When a batch fails, its rows
// are retried one by one to name the failing row, and then everything is rolled back.
import type pg from 'pg';
import { isDatabaseError, statusForSqlState } from '../db/pg-errors.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { ApiError, badRequest } from '../errors.js';
import { parseCsv, TooManyRowsError } from './csv.js';
import { toPgText } from './pg-values.js';
import { columnOf, loadTable, type ColumnMeta } from './table-meta.js';

export interface ImportRequest {
  schema: string;
  table: string;
  columns?: string[];
  rows?: unknown[][];
  csv?: string;
  /** CSV only: whether the first line names the columns (default true). */
  header?: boolean;
  /** CSV only: CSV header → table column; a header mapped to null is skipped. Unmapped headers map to themselves. */
  mapping?: Record<string, string | null>;
}

const BATCH = 1000;
export const MAX_IMPORT_ROWS = 100_000;

interface Prepared {
  columns: ColumnMeta[];
  /** Text per cell, in `columns` order. */
  rows: Array<Array<string | null>>;
  /** The number of lines before the first data row (the header), for error messages. */
  firstRowNumber: number;
}

const tooManyRows = () => badRequest('TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} rows per import`, { hint: 'Split the file, or use COPY through the SQL console' });

function fromCsv(meta: Awaited<ReturnType<typeof loadTable>>, req: ImportRequest): Prepared {
  let parsed: Array<Array<string | null>>;
  try {
    // One row more than the cap for the header line, one more to notice the cap was passed.
    parsed = parseCsv(req.csv ?? '', MAX_IMPORT_ROWS + 1);
  } catch (err) {
    if (err instanceof TooManyRowsError) throw tooManyRows();
    throw badRequest('INVALID_CSV', `The CSV could not be read: ${(err as Error).message}`);
  }
  const header = req.header ?? true;
  let picks: Array<{ index: number; col: ColumnMeta }>;
  if (header) {
    const names = (parsed.shift() ?? []).map((h) => (h ?? '').trim());
    picks = names.flatMap((name, index) => {
      const target = req.mapping && name in req.mapping ? req.mapping[name] : name;
      return target === null ? [] : [{ index, col: columnOf(meta, target, `csv header "${name}"`) }];
    });
  } else {
    if (!req.columns?.length) throw badRequest('VALIDATION_ERROR', 'columns is required when the CSV has no header line');
    picks = req.columns.map((name, index) => ({ index, col: columnOf(meta, name) }));
  }
  if (picks.length === 0) throw badRequest('VALIDATION_ERROR', 'No CSV column maps to a table column');
  const rows = parsed.map((r) => picks.map((p) => r[p.index] ?? null));
  return { columns: picks.map((p) => p.col), rows, firstRowNumber: header ? 2 : 1 };
}

function fromRows(meta: Awaited<ReturnType<typeof loadTable>>, req: ImportRequest): Prepared {
  if (!req.columns?.length) throw badRequest('VALIDATION_ERROR', 'columns is required with rows');
  if ((req.rows?.length ?? 0) > MAX_IMPORT_ROWS) throw tooManyRows();
  const columns = req.columns.map((name) => columnOf(meta, name));
  const rows = (req.rows ?? []).map((r, i) => {
    if (!Array.isArray(r) || r.length !== columns.length) {
      throw badRequest('VALIDATION_ERROR', `Row ${i + 1} has ${Array.isArray(r) ? r.length : 'no'} values; expected ${columns.length}`, { detail: { row: i + 1 } });
    }
    return r.map((v, k) => toPgText(v, columns[k]));
  });
  return { columns, rows, firstRowNumber: 1 };
}

export async function importRows(client: pg.ClientBase, req: ImportRequest): Promise<{ inserted: number; columns: string[] }> {
  if ((req.csv === undefined) === (req.rows === undefined)) throw badRequest('VALIDATION_ERROR', 'Send either rows (with columns) or csv');
  const meta = await loadTable(client, req.schema, req.table);
  if (meta.kind !== 'table' && meta.kind !== 'partitioned_table') throw badRequest('NOT_A_TABLE', `${req.schema}.${req.table} is not a table`);
  const data = req.csv !== undefined ? fromCsv(meta, req) : fromRows(meta, req);
  if (data.rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const table = qualified(meta.schema, meta.name);
  const names = data.columns.map((c) => quoteIdent(c.name)).join(', ');
  const aliases = data.columns.map((_c, i) => `c${i}`);
  const batchSql = `INSERT INTO ${table} (${names}) SELECT ${data.columns.map((c, i) => `${aliases[i]}::${c.type}`).join(', ')}
    FROM unnest(${data.columns.map((_c, i) => `$${i + 1}::text[]`).join(', ')}) AS v(${aliases.join(', ')})`;
  const rowSql = `INSERT INTO ${table} (${names}) VALUES (${data.columns.map((c, i) => `$${i + 1}::${c.type}`).join(', ')})`;

  for (let start = 0; start < data.rows.length; start += BATCH) {
    const batch = data.rows.slice(start, start + BATCH);
    const columnsOfBatch = data.columns.map((_c, k) => batch.map((r) => r[k]));
    await client.query('SAVEPOINT trestle_import');
    try {
      await client.query(batchSql, columnsOfBatch);
      await client.query('RELEASE SAVEPOINT trestle_import');
      continue;
    } catch (err) {
      if (!isDatabaseError(err)) throw err;
      await client.query('ROLLBACK TO SAVEPOINT trestle_import');
    }
    for (const [offset, row] of batch.entries()) {
      try {
        await client.query(rowSql, row);
      } catch (err) {
        if (!isDatabaseError(err)) throw err;
        const rowNumber = start + offset + 1;
        throw new ApiError(statusForSqlState(err.code ?? 'XX000', true), err.code ?? 'XX000',
          `Row ${rowNumber}${req.csv !== undefined ? ` (line ${rowNumber + data.firstRowNumber - 1} of the CSV)` : ''}: ${err.message}; nothing was imported`,
          { detail: { row: rowNumber, column: err.column ?? /^Key \(([^)]+)\)=/.exec(err.detail ?? '')?.[1] ?? null, postgres_detail: err.detail ?? null }, hint: err.hint ?? null });
      }
    }
  }
  return { inserted: data.rows.length, columns: data.columns.map((c) => c.name) };
}
