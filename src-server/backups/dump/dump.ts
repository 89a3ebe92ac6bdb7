// A plain SQL dump of one database, written from the catalog (no pg_dump): schema, then data via COPY, then
// indexes, constraints, triggers, policies and grants — the order a load needs (data before FKs and triggers).
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { qualified, quoteIdent } from '../../db/quote.js';
import { section } from './catalog.js';
import { dumpExtensions } from './extensions.js';
import { dumpFunctions } from './functions.js';
import { dumpGrants } from './grants.js';
import { dumpIndexes } from './indexes.js';
import { dumpOwners } from './owners.js';
import { dumpPolicies } from './policies.js';
import { dumpSchemas } from './schemas.js';
import { dumpSequences, dumpSequenceValues } from './sequences.js';
import { dumpConstraints, dumpTables, listTables } from './tables.js';
import { dumpTriggers } from './triggers.js';
import { dumpTypes } from './types.js';
import { dumpViews } from './views.js';

export const COPY_MARKER = '-- Data for ';

const PREAMBLE = [
  "SET statement_timeout = 0;",
  "SET client_encoding = 'UTF8';",
  "SET standard_conforming_strings = on;",
  "SET check_function_bodies = false;",
  "SELECT pg_catalog.set_config('search_path', '', false);",
];

/** Yields the dump in pieces. The client must be on the database to dump; its search_path is cleared so every name is qualified. */
export async function* dumpDatabase(c: pg.Client, databaseLabel: string): AsyncGenerator<string | Buffer> {
  await c.query(`SELECT pg_catalog.set_config('search_path', '', false)`);
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    yield `-- Trestle SQL dump of ${databaseLabel.replace(/\s+/g, ' ')}, ${new Date().toISOString()}\n\n${PREAMBLE.join('\n')}\n`;
    const tables = await listTables(c);
    const functions = await dumpFunctions(c);
    const sequences = await dumpSequences(c);
    const views = await dumpViews(c);
    yield section('Schemas', await dumpSchemas(c));
    yield section('Extensions', await dumpExtensions(c));
    yield section('Types', await dumpTypes(c));
    yield section('Functions', functions.early);
    yield section('Sequences', sequences.create);
    yield section('Tables', await dumpTables(c, tables));
    yield section('Sequence ownership', sequences.ownedBy);
    yield section('Functions on table types', functions.late);
    yield section('Views', views.create);
    yield '\n--\n-- Data\n--\n';
    for (const t of tables) {
      const columns = t.copyColumns.map(quoteIdent).join(', ');
      yield `\n${COPY_MARKER}${qualified(t.schema, t.name)}\nCOPY ${qualified(t.schema, t.name)} (${columns}) FROM stdin;\n`;
      if (t.copyColumns.length > 0) {
        const stream = c.query(copyTo(`COPY ${qualified(t.schema, t.name)} (${columns}) TO STDOUT`));
        for await (const chunk of stream) yield chunk as Buffer;
      }
      yield '\\.\n';
    }
    yield section('Sequence values', await dumpSequenceValues(c));
    yield section('Primary keys, unique and exclusion constraints', await dumpConstraints(c, tables, ['p', 'u', 'x']));
    yield section('Indexes', await dumpIndexes(c));
    yield section('Foreign keys', await dumpConstraints(c, tables, ['f']));
    yield section('Materialized view data', views.refresh);
    yield section('Triggers', await dumpTriggers(c));
    yield section('Row level security', await dumpPolicies(c));
    yield section('Owners', await dumpOwners(c));
    yield section('Grants', await dumpGrants(c));
    yield '\n-- End of dump\n';
  } finally {
    await c.query('COMMIT').catch(() => undefined);
  }
}
