// Shared catalog filters for the dump: which namespaces are the user's, and how to skip extension members.
import type pg from 'pg';

/** SQL condition on a pg_namespace alias: user schemas only (not system, not Trestle's internal one). */
export function userSchema(alias: string): string {
  return `${alias}.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle') AND ${alias}.nspname NOT LIKE 'pg\\_%'`;
}

/** SQL condition: the object (catalog, oid) does not belong to an extension. */
export function notFromExtension(catalog: string, oidExpr: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oidExpr} AND dep.deptype = 'e')`;
}

export type Client = pg.ClientBase;

/** A section of the dump: a title comment and its statements. */
export function section(title: string, statements: string[]): string {
  if (statements.length === 0) return '';
  return `\n--\n-- ${title}\n--\n\n${statements.join('\n\n')}\n`;
}
