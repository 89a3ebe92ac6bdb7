// Privileges as GRANT/REVOKE statements: the difference between what an object starts with and what it should have.
// The dump starts from acldefault (what a freshly created object gets); the diff starts from main's current grants.
import { quoteIdent } from '../../db/quote.js';
import type { AclEntry } from './model.js';

const grantee = (name: string) => (name === 'PUBLIC' ? 'PUBLIC' : quoteIdent(name));
const entryKey = (e: AclEntry) => `${e.grantee}\u0000${e.privilege}`;

const PRIVILEGES: Record<string, string> = {
  a: 'INSERT', r: 'SELECT', w: 'UPDATE', d: 'DELETE', D: 'TRUNCATE', x: 'REFERENCES', t: 'TRIGGER', m: 'MAINTAIN', X: 'EXECUTE',
  U: 'USAGE', C: 'CREATE', c: 'CONNECT', T: 'TEMPORARY', s: 'SET', A: 'ALTER SYSTEM',
};

/** aclitem[] as text (grantee=privileges/grantor; `*` after a letter marks a grant option; an empty grantee is PUBLIC) → entries. */
export function parseAcl(items: string[]): AclEntry[] {
  const out: AclEntry[] = [];
  for (const text of items) {
    let i = 0;
    let grantee = '';
    if (text[0] === '"') {
      for (i = 1; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') { grantee += '"'; i++; } else if (text[i] === '"') { i++; break; } else grantee += text[i];
      }
    } else {
      while (i < text.length && text[i] !== '=') grantee += text[i++];
    }
    i++; // '='
    for (; i < text.length && text[i] !== '/'; i++) {
      const privilege = PRIVILEGES[text[i]];
      if (!privilege) continue;
      const grantable = text[i + 1] === '*';
      if (grantable) i++;
      out.push({ grantee: grantee === '' ? 'PUBLIC' : grantee, privilege, grantable });
    }
  }
  return out;
}

/** Entries sorted (grantee, privilege) so the statements come out the same for the same privileges. */
export function sortAcl(entries: AclEntry[]): AclEntry[] {
  return [...entries].sort((a, b) => (a.grantee === b.grantee ? a.privilege.localeCompare(b.privilege) : a.grantee.localeCompare(b.grantee)));
}

export function sameAcl(a: AclEntry[], b: AclEntry[]): boolean {
  if (a.length !== b.length) return false;
  const index = new Map(a.map((e) => [entryKey(e), e.grantable]));
  return b.every((e) => index.get(entryKey(e)) === e.grantable);
}

interface Change { grantee: string; privileges: string[]; grantOption: boolean }

function group(entries: Array<{ grantee: string; privilege: string; grantOption: boolean }>): Change[] {
  const byGrantee = new Map<string, Change>();
  for (const e of entries) {
    const k = `${e.grantee}\u0000${e.grantOption}`;
    const change = byGrantee.get(k) ?? { grantee: e.grantee, privileges: [], grantOption: e.grantOption };
    change.privileges.push(e.privilege);
    byGrantee.set(k, change);
  }
  return [...byGrantee.values()]
    .map((c) => ({ ...c, privileges: c.privileges.sort() }))
    .sort((a, b) => a.grantee.localeCompare(b.grantee) || Number(a.grantOption) - Number(b.grantOption));
}

/**
 * The statements that turn privileges `from` into `to` on `target` (`TABLE "s"."t"`, `FUNCTION …`). `prefix` makes
 * them default privileges (`ALTER DEFAULT PRIVILEGES FOR ROLE …`), `column` column privileges.
 */
export function aclStatements(target: string, from: AclEntry[], to: AclEntry[], opts: { column?: string | null; prefix?: string } = {}): string[] {
  const before = new Map(from.map((e) => [entryKey(e), e]));
  const after = new Map(to.map((e) => [entryKey(e), e]));
  const revoke: Array<{ grantee: string; privilege: string; grantOption: boolean }> = [];
  const grant: Array<{ grantee: string; privilege: string; grantOption: boolean }> = [];
  for (const [k, e] of before) {
    const next = after.get(k);
    if (!next) revoke.push({ grantee: e.grantee, privilege: e.privilege, grantOption: false });
    else if (e.grantable && !next.grantable) revoke.push({ grantee: e.grantee, privilege: e.privilege, grantOption: true });
  }
  for (const [k, e] of after) {
    const prev = before.get(k);
    if (!prev || (e.grantable && !prev.grantable)) grant.push({ grantee: e.grantee, privilege: e.privilege, grantOption: e.grantable });
  }
  const column = opts.column ? ` (${quoteIdent(opts.column)})` : '';
  const privs = (c: Change) => c.privileges.map((p) => p + column).join(', ');
  const prefix = opts.prefix ? `${opts.prefix} ` : '';
  return [
    ...group(revoke).map((c) => `${prefix}REVOKE ${c.grantOption ? 'GRANT OPTION FOR ' : ''}${privs(c)} ON ${target} FROM ${grantee(c.grantee)};`),
    ...group(grant).map((c) => `${prefix}GRANT ${privs(c)} ON ${target} TO ${grantee(c.grantee)}${c.grantOption ? ' WITH GRANT OPTION' : ''};`),
  ];
}

/** Default privileges' object types as ALTER DEFAULT PRIVILEGES names them. */
export const DEFAULT_ACL_OBJECTS: Record<string, string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS', L: 'LARGE OBJECTS' };

export function defaultAclPrefix(role: string, schema: string | null): string {
  return `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(role)}${schema ? ` IN SCHEMA ${quoteIdent(schema)}` : ''}`;
}
