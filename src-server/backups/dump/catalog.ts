// Shared catalog filters for the dump and the diff: which namespaces are the user's, how to skip extension
// members, and the SQL fragments every reader uses for owners, comments and privileges.
import type pg from 'pg';
import type { OidKeys } from './keys.js';
import type { AclEntry } from './model.js';

export type Client = pg.ClientBase;

/** Which schemas a catalog read covers. Readers pass these as their first two parameters ($1, $2). */
export interface Scope {
  /** Schemas left out besides the system ones and Trestle's own (e.g. the migration history for a diff). */
  exclude: string[];
  /** When set, only these schemas. */
  include: string[] | null;
}

export const scopeParams = (scope: Scope): unknown[] => [scope.exclude, scope.include];

/** SQL condition on a pg_namespace alias: a user schema in scope ($1 excluded names, $2 the included ones or null). */
export function userSchema(alias: string): string {
  return `${alias}.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle') AND ${alias}.nspname NOT LIKE 'pg\\_%'`
    + ` AND NOT (${alias}.nspname = ANY($1::text[])) AND ($2::text[] IS NULL OR ${alias}.nspname = ANY($2::text[]))`;
}

/** SQL condition: the object (catalog, oid) does not belong to an extension. */
export function notFromExtension(catalog: string, oidExpr: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oidExpr} AND dep.deptype = 'e')`;
}

/** A JSON array of {grantee, privilege, grantable} for an aclitem[] expression ('PUBLIC' for grantee 0). */
export function aclJson(aclExpr: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
    'privilege', a.privilege_type, 'grantable', a.is_grantable)), '[]') FROM aclexplode(${aclExpr}) a)`;
}

/** A section of the dump: a title comment and its statements. */
export function section(title: string, statements: string[]): string {
  if (statements.length === 0) return '';
  return `\n--\n-- ${title}\n--\n\n${statements.join('\n\n')}\n`;
}

/** What every reader gets: the client (inside the read's snapshot), the scope, the oid → key map to fill. */
export interface ReadContext {
  c: Client;
  scope: Scope;
  oids: OidKeys;
  /** The reading role: objects it owns are created by the restore as their owner already. */
  currentUser: string;
  /**
   * Privileges from an aclitem[] read as text[] (null: never granted, so acldefault), and acldefault itself: what a
   * freshly created object of that kind and owner starts with (r relation, s sequence, f function, T type, n schema, c column).
   */
  aclOf(kind: string, owner: string, raw: string[] | null): { entries: AclEntry[]; baseline: AclEntry[] };
}
