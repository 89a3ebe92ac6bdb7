// After a restore over the main database, Trestle's own rows (keys, audit log, settings, branches, backups…)
// must be those of the replaced database, not the snapshot's: copy every trestle table's rows forward in one
// transaction, via COPY streams between two direct connections.
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { qualified, quoteIdent } from '../db/quote.js';

// Owned by bootstrap, which has already brought the restored database to the current version.
const SKIP = new Set(['migrations']);

async function columnsByTable(client: pg.ClientBase): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'trestle' AND c.relkind IN ('r', 'p')
      GROUP BY c.relname`);
  return new Map(rows.map((r) => [r.table, r.columns]));
}

/** Replaces the rows of every trestle table in `target` with those in `source`. */
export async function carryTrestleRowsForward(source: pg.Client, target: pg.Client): Promise<{ tables: string[] }> {
  const from = await columnsByTable(source);
  const to = await columnsByTable(target);
  const tables = [...to.keys()].filter((t) => !SKIP.has(t)).sort();
  await target.query('BEGIN');
  try {
    // Replica mode: no FK ordering concerns and no triggers (e.g. key notifications) while rows are copied.
    await target.query('SET LOCAL session_replication_role = replica');
    if (tables.length > 0) await target.query(`TRUNCATE ${tables.map((t) => qualified('trestle', t)).join(', ')}`);
    for (const table of tables) {
      const sourceColumns = from.get(table);
      if (!sourceColumns) continue;
      const columns = to.get(table)!.filter((c) => sourceColumns.includes(c)).map(quoteIdent).join(', ');
      const reader = source.query(copyTo(`COPY (SELECT ${columns} FROM ${qualified('trestle', table)}) TO STDOUT`));
      const writer = target.query(copyFrom(`COPY ${qualified('trestle', table)} (${columns}) FROM STDIN`));
      await pipeline(reader, writer);
    }
    const { rows: sequences } = await source.query<{ name: string; value: string | null; called: boolean }>(
      `SELECT sequencename AS name, last_value::text AS value, last_value IS NOT NULL AS called FROM pg_sequences WHERE schemaname = 'trestle'`);
    const { rows: present } = await target.query<{ name: string }>(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'trestle'`);
    const targetSequences = new Set(present.map((r) => r.name));
    for (const s of sequences) {
      if (s.value === null || !targetSequences.has(s.name)) continue;
      await target.query('SELECT setval($1::regclass, $2::bigint, true)', [qualified('trestle', s.name), s.value]);
    }
    await target.query('COMMIT');
  } catch (err) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { tables };
}
