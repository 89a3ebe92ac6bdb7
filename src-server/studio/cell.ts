// One full cell value by primary key, for the side editor that opens cells the grid shows truncated.
import type { Database } from '../db/database.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { notFound } from '../errors.js';
import { jsonValue } from './json-values.js';
import { pkCondition } from './row-key.js';
import { columnOf, loadTable } from './table-meta.js';
import { readAs, type ViewAs } from './view-as.js';
import { Params } from './where.js';

export async function readCell(db: Database, req: { schema: string; table: string; column: string; pk: unknown; viewAs?: ViewAs }) {
  return readAs(db, req.viewAs, async (client) => {
    const meta = await loadTable(client, req.schema, req.table);
    const col = columnOf(meta, req.column);
    const params = new Params();
    const where = pkCondition(meta, req.pk, params);
    const { rows } = await client.query(
      `SELECT ${quoteIdent(col.name)} AS value FROM ${qualified(meta.schema, meta.name)} WHERE ${where}`, params.values);
    if (rows.length === 0) throw notFound('ROW_NOT_FOUND', 'No row has that primary key', { detail: { pk: req.pk } });
    return { column: col.name, type: col.type, value: jsonValue(rows[0].value) };
  });
}
