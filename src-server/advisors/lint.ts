// A lint as Supabase's advisors report it (splinter's shape and names), plus the SQL that fixes it when there is one.
import type { Queryable } from '../db/database.js';

export type LintLevel = 'ERROR' | 'WARN' | 'INFO';
export type LintCategory = 'SECURITY' | 'PERFORMANCE';

export interface Lint {
  name: string;
  title: string;
  level: LintLevel;
  facing: 'EXTERNAL';
  categories: LintCategory[];
  description: string;
  detail: string;
  remediation: string;
  metadata: Record<string, unknown>;
  cache_key: string;
  /** What the dashboard's fix button runs (after showing it); null when a fix needs judgement. */
  fix: { sql: string; note: string | null } | null;
}

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
