// Applies the grid's queue of pending edits (update / insert / delete) in one transaction. Values arrive as
// JSON and are cast with `$n::<catalog type>`; on the first failure nothing is applied and the error names the
// edit and, where Postgres lets us find it, the column.
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { isDatabaseError, statusForSqlState } from '../db/pg-errors.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { ApiError, badRequest } from '../errors.js';
import { jsonRow } from './json-values.js';
import { toPgText } from './pg-values.js';
import { pkCondition } from './row-key.js';
import { loadTable, type ColumnMeta, type TableMeta } from './table-meta.js';
import { Params } from './where.js';

export type RowEdit =
  | { op: 'update'; pk: Record<string, unknown>; set: Record<string, unknown> }
  | { op: 'insert'; values: Record<string, unknown> }
  | { op: 'delete'; pk: Record<string, unknown> };

export interface EditResult {
  op: RowEdit['op'];
  row: Record<string, unknown>;
}

function columnsOf(meta: TableMeta, values: Record<string, unknown>, index: number): Array<[ColumnMeta, unknown]> {
  return Object.entries(values).map(([name, value]) => {
    const col = meta.columns.find((c) => c.name === name);
    if (!col) {
      throw badRequest('COLUMN_NOT_FOUND', `Edit ${index}: column "${name}" does not exist on ${meta.schema}.${meta.name}`, {
        detail: { edit: index, column: name },
      });
    }
    return [col, value];
  });
}

function editSql(meta: TableMeta, edit: RowEdit, index: number): { sql: string; params: unknown[] } {
  const table = qualified(meta.schema, meta.name);
  const params = new Params();
  if (edit.op === 'insert') {
    const cols = columnsOf(meta, edit.values ?? {}, index);
    if (cols.length === 0) return { sql: `INSERT INTO ${table} DEFAULT VALUES RETURNING *`, params: [] };
    const names = cols.map(([c]) => quoteIdent(c.name)).join(', ');
    const values = cols.map(([c, v]) => `${params.add(toPgText(v, c))}::${c.type}`).join(', ');
    return { sql: `INSERT INTO ${table} (${names}) VALUES (${values}) RETURNING *`, params: params.values };
  }
  if (edit.op === 'update') {
    const cols = columnsOf(meta, edit.set ?? {}, index);
    if (cols.length === 0) throw badRequest('EMPTY_UPDATE', `Edit ${index}: set names no column`, { detail: { edit: index } });
    const assignments = cols.map(([c, v]) => `${quoteIdent(c.name)} = ${params.add(toPgText(v, c))}::${c.type}`).join(', ');
    const where = pkCondition(meta, edit.pk, params, `edits[${index}].pk`);
    return { sql: `UPDATE ${table} SET ${assignments} WHERE ${where} RETURNING *`, params: params.values };
  }
  const where = pkCondition(meta, edit.pk, params, `edits[${index}].pk`);
  return { sql: `DELETE FROM ${table} WHERE ${where} RETURNING *`, params: params.values };
}

/** Which column a failed edit is about: Postgres names it for NOT NULL, key details name it for unique/FK errors. */
async function failingColumn(db: Database, meta: TableMeta, edit: RowEdit, err: pg.DatabaseError): Promise<string | null> {
  if (err.column) return err.column;
  const key = /^Key \(([^)]+)\)=/.exec(err.detail ?? '');
  if (key) return key[1];
  if (!err.code?.startsWith('22')) return null;
  const values = edit.op === 'insert' ? edit.values : edit.op === 'update' ? edit.set : {};
  for (const [name, value] of Object.entries(values ?? {})) {
    const col = meta.columns.find((c) => c.name === name);
    if (!col) continue;
    const ok = await db.query(`SELECT $1::${col.type}`, [toPgText(value, col)]).then(() => true, () => false);
    if (!ok) return name;
  }
  return null;
}

export async function applyEdits(
  db: Database, client: pg.ClientBase, schema: string, table: string, edits: RowEdit[],
): Promise<EditResult[]> {
  const meta = await loadTable(client, schema, table);
  if (meta.kind !== 'table' && meta.kind !== 'partitioned_table') {
    throw badRequest('NOT_A_TABLE', `${schema}.${table} is a ${meta.kind.replace('_', ' ')}; only tables can be edited in the grid`);
  }
  const results: EditResult[] = [];
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    const { sql, params } = editSql(meta, edit, i);
    let res: pg.QueryResult;
    try {
      res = await client.query(sql, params);
    } catch (err) {
      if (!isDatabaseError(err)) throw err;
      const column = await failingColumn(db, meta, edit, err);
      throw new ApiError(statusForSqlState(err.code ?? 'XX000', true), err.code ?? 'XX000',
        `Edit ${i} (${edit.op}${column ? `, column ${column}` : ''}): ${err.message}`,
        { detail: { edit: i, op: edit.op, column, postgres_detail: err.detail ?? null, constraint: err.constraint ?? null }, hint: err.hint ?? null });
    }
    if (res.rowCount === 0) {
      throw new ApiError(404, 'ROW_NOT_FOUND', `Edit ${i} (${edit.op}): no row has that primary key; nothing was applied`, {
        detail: { edit: i, op: edit.op, column: null, pk: 'pk' in edit ? edit.pk : null },
        hint: 'Another session may have changed or deleted the row; reload the grid',
      });
    }
    results.push({ op: edit.op, row: jsonRow(res.rows[0]) });
  }
  return results;
}
