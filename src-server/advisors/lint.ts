// A lint as Supabase's advisors report it (splinter's shape and names), plus the SQL that fixes it when there is one.
import type { Queryable } from '../db/database.js';
import type { Lint, LintCategory, LintLevel } from './shapes.js';

export type { Lint, LintCategory, LintLevel };

/** What a lint's query returns per finding. */
export interface Finding {
  detail: string;
  metadata: Record<string, unknown>;
  cache_key: string;
  fix_sql: string | null;
  fix_note?: string | null;
}

export interface LintCheck {
  name: string;
  /** splinter's number, for the remediation link. */
  number: string;
  title: string;
  level: LintLevel;
  category: LintCategory;
  description: string;
  /** $1: schemas the advisors never look at; $2: the schemas the data API exposes. */
  run(q: Queryable, params: [string[], string[]]): Promise<Finding[]>;
}

export function toLint(check: LintCheck, f: Finding): Lint {
  return {
    name: check.name, title: check.title, level: check.level, facing: 'EXTERNAL', categories: [check.category], description: check.description,
    detail: f.detail, remediation: `https://supabase.com/docs/guides/database/database-linter?lint=${check.number}_${check.name}`,
    metadata: f.metadata, cache_key: f.cache_key, fix: f.fix_sql ? { sql: f.fix_sql, note: f.fix_note ?? null } : null,
  };
}

/** Schemas of Supabase's services and of Trestle itself, which the advisors leave alone (as splinter does). */
export const IGNORED_SCHEMAS = [
  'auth', 'cron', 'extensions', 'graphql', 'graphql_public', 'information_schema', 'net', 'pgbouncer', 'pgsodium', 'pgsodium_masks', 'pgtle',
  'pg_catalog', 'realtime', 'storage', 'supabase_functions', 'supabase_migrations', 'vault', 'trestle',
];

/** SQL: a role may read the relation (the API roles reach it through the data API). */
export const apiReadable = (oid: string) =>
  `(has_table_privilege('anon', ${oid}, 'SELECT') OR has_table_privilege('authenticated', ${oid}, 'SELECT'))`;

export const notExtensionMember = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

/** SQL: Supabase's metadata object for a finding about one object (extra pairs appended). */
export const metadataSql = (schema: string, name: string, type: string, extra = '') =>
  `jsonb_build_object('schema', ${schema}, 'name', ${name}, 'type', ${type}${extra ? `, ${extra}` : ''}) AS metadata`;

/** SQL: the cache key, `<lint>_<part>_<part>…`. */
export const cacheKeySql = (lint: string, ...parts: string[]) => `format('${lint}${'_%s'.repeat(parts.length)}', ${parts.join(', ')}) AS cache_key`;

/**
 * SQL: detail, metadata and cache key of a finding about relation c in namespace n. `detail` is a format string
 * with two %s for schema and name, as splinter words it.
 */
export const relationFindingSql = (lint: string, detail: string, type = `'table'`) =>
  `format('${detail}', n.nspname, c.relname) AS detail, ${metadataSql('n.nspname', 'c.relname', type)}, ${cacheKeySql(lint, 'n.nspname', 'c.relname')}`;
