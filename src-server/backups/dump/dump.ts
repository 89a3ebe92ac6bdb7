// A plain SQL dump of one database, written from the catalog (no pg_dump): the items that must exist before the
// data in dependency order, the data via COPY, then the rest (keys, indexes, triggers, policies, grants, owners).
// The same schema always gives the same text, so a dump restored into an empty database dumps back identically.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { qualified, quoteIdent } from '../../db/quote.js';
import { section, type Scope } from './catalog.js';
import type { Catalog, CatalogItem, ItemKind } from './model.js';
import { DEFAULT_SCOPE, inSnapshot, readCatalog } from './read.js';
import { sequenceValues } from './sequences.js';

export const COPY_MARKER = '-- Data for ';

const PREAMBLE = [
  "SET statement_timeout = 0;",
  "SET client_encoding = 'UTF8';",
  "SET standard_conforming_strings = on;",
  "SET check_function_bodies = false;",
  "SELECT pg_catalog.set_config('search_path', '', false);",
];

const TITLES: Record<ItemKind, string> = {
  schema: 'Schemas', extension: 'Extensions', type: 'Types', function: 'Functions', sequence: 'Sequences', table: 'Tables',
  sequence_owner: 'Sequence ownership', view: 'Views', matview: 'Materialized views', constraint: 'Constraints', index: 'Indexes',
  replica_identity: 'Replica identity', refresh: 'Materialized view data', trigger: 'Triggers', rls: 'Row level security',
  policy: 'Policies', publication: 'Publications', event_trigger: 'Event triggers', comment: 'Comments', owner: 'Owners',
  acl: 'Grants', default_acl: 'Default privileges',
};

/** The items of a phase as titled sections: a new section wherever the kind changes. */
function sections(catalog: Catalog, phase: CatalogItem['phase']): string {
  let out = '';
  let run: { kind: ItemKind; statements: string[] } | undefined;
  const flush = () => {
    if (run) out += section(TITLES[run.kind], run.statements);
  };
  for (const key of catalog.order) {
    const it = catalog.items.get(key)!;
    if (it.phase !== phase || it.sql === '') continue;
    if (run?.kind !== it.kind) {
      flush();
      run = { kind: it.kind, statements: [] };
    }
    run.statements.push(it.sql);
  }
  flush();
  return out;
}

function header(opts: { label?: string; at?: Date }): string {
  const about = [opts.label && ` of ${opts.label.replace(/\s+/g, ' ')}`, opts.at && `, ${opts.at.toISOString()}`].filter(Boolean).join('');
  return `-- Trestle SQL dump${about}\n\n${PREAMBLE.join('\n')}\n`;
}

/** The schema alone, as the dump writes it (no data, no sequence values). For comparisons and previews. */
export async function dumpSchema(c: pg.ClientBase, scope: Scope = DEFAULT_SCOPE): Promise<string> {
  const catalog = await inSnapshot(c, () => readCatalog(c, scope));
  return header({}) + sections(catalog, 'pre') + sections(catalog, 'post') + '\n-- End of dump\n';
}

/**
 * Yields the dump in pieces. The client must be on the database to dump. `label` and `at` go into the header
 * comment (leave them out for output that depends on nothing but the database's contents).
 */
export async function* dumpDatabase(c: pg.Client, opts: { label?: string; at?: Date } = {}): AsyncGenerator<string | Buffer> {
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await c.query(`SELECT pg_catalog.set_config('search_path', '', true)`);
    const catalog = await readCatalog(c, DEFAULT_SCOPE);
    yield header(opts);
    yield sections(catalog, 'pre');
    yield '\n--\n-- Data\n--\n';
    for (const key of catalog.order) {
      const it = catalog.items.get(key)!;
      if (it.kind !== 'table' || it.data.relkind === 'p') continue;
      const name = qualified(it.data.schema, it.data.name);
      const columns = it.data.copyColumns.map(quoteIdent).join(', ');
      yield `\n${COPY_MARKER}${name}\nCOPY ${name} (${columns}) FROM stdin;\n`;
      if (it.data.copyColumns.length > 0) {
        const stream = c.query(copyTo(`COPY ${name} (${columns}) TO STDOUT`));
        for await (const chunk of stream) yield chunk as Buffer;
      }
      yield '\\.\n';
    }
    yield section('Sequence values', await sequenceValues(c, DEFAULT_SCOPE));
    yield sections(catalog, 'post');
    yield '\n-- End of dump\n';
  } finally {
    await c.query('COMMIT').catch(() => undefined);
  }
}
