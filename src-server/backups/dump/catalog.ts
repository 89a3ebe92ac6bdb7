// Shared catalog filters for the dump and the diff: which namespaces are the user's, how to skip extension
// members, and the SQL fragments every reader uses for owners, comments and privileges.
import type pg from 'pg';
import type { OidKeys } from './keys.js';

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

/**
 * The effective privileges (acldefault when none were ever granted) as `acl`, and what a freshly created object
 * starts with as `acl_default` (acldefault unless `baselineExpr` says otherwise).
 */
export function aclColumns(aclExpr: string, kind: string, ownerExpr: string, baselineExpr = `acldefault('${kind}', ${ownerExpr})`): string {
  return `${aclJson(`coalesce(${aclExpr}, acldefault('${kind}', ${ownerExpr}))`)} AS acl, ${aclJson(baselineExpr)} AS acl_default`;
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
}
