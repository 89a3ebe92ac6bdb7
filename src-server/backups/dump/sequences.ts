// Dump: sequences (not identity ones, which belong to their column), their OWNED BY, and their current values.
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import { notFromExtension, userSchema, type Client } from './catalog.js';

interface SequenceRow {
  schema: string; name: string; type: string; start: string; increment: string; min: string; max: string; cache: string; cycle: boolean;
  owned_table: string | null; owned_schema: string | null; owned_column: string | null; identity: boolean;
}

async function sequences(c: Client): Promise<SequenceRow[]> {
  const { rows } = await c.query<SequenceRow>(
    `SELECT n.nspname AS schema, s.relname AS name, format_type(q.seqtypid, NULL) AS type, q.seqstart::text AS start,
            q.seqincrement::text AS increment, q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,
            t.relname AS owned_table, tn.nspname AS owned_schema, a.attname AS owned_column, coalesce(d.deptype = 'i', false) AS identity
       FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND ${userSchema('n')} AND ${notFromExtension('pg_class', 's.oid')}
      ORDER BY s.oid`);
  return rows;
}

export async function dumpSequences(c: Client): Promise<{ create: string[]; ownedBy: string[] }> {
  const rows = (await sequences(c)).filter((s) => !s.identity);
  return {
    create: rows.map((s) => `CREATE SEQUENCE ${qualified(s.schema, s.name)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} `
      + `MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''};`),
    ownedBy: rows.filter((s) => s.owned_table && s.owned_column).map((s) =>
      `ALTER SEQUENCE ${qualified(s.schema, s.name)} OWNED BY ${qualified(s.owned_schema!, s.owned_table!)}.${quoteIdent(s.owned_column!)};`),
  };
}

/** setval for every sequence, identity ones included, from the values in the dumped database. */
export async function dumpSequenceValues(c: Client): Promise<string[]> {
  const out: string[] = [];
  for (const s of await sequences(c)) {
    const { rows } = await c.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(s.schema, s.name)}`);
    out.push(`SELECT pg_catalog.setval(${quoteLiteral(qualified(s.schema, s.name))}, ${rows[0].last_value}, ${rows[0].is_called});`);
  }
  return out;
}
