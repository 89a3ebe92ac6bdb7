// Reads one database's schema into a Catalog: every reader's items, their dependencies, and the dependency order.
// The dump prints it; the branch diff compares two of them.
import { parseAcl } from './acl.js';
import { aclJson, type Client, type ReadContext, type Scope } from './catalog.js';
import { readConstraints } from './constraints.js';
import { readDefaultAcls } from './default-acls.js';
import { addDependencies } from './depends.js';
import { readEventTriggers } from './event-triggers.js';
import { readExtensions } from './extensions.js';
import { readFunctions } from './functions.js';
import { readIndexes } from './indexes.js';
import { OidKeys } from './keys.js';
import type { AclEntry, Catalog, CatalogItem } from './model.js';
import { orderItems } from './order.js';
import { readPolicies } from './policies.js';
import { readPublications } from './publications.js';
import { readSchemas } from './schemas.js';
import { readSequences } from './sequences.js';
import { readTables } from './tables.js';
import { readTriggers } from './triggers.js';
import { readTypes } from './types.js';
import { readViews } from './views.js';

const READERS = [readExtensions, readSchemas, readTypes, readFunctions, readSequences, readTables, readConstraints, readIndexes,
  readViews, readTriggers, readPolicies, readEventTriggers, readPublications, readDefaultAcls];

export const DEFAULT_SCOPE: Scope = { exclude: [], include: null };

/**
 * Runs fn inside one read-only snapshot with an empty search_path, so every name comes out schema-qualified and
 * all reads see the same state. The client must not be inside a transaction.
 */
export async function inSnapshot<T>(c: Client, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await c.query(`SELECT pg_catalog.set_config('search_path', '', true)`);
    return await fn();
  } finally {
    await c.query('COMMIT').catch(() => undefined);
  }
}

/** The catalog of the client's database. Call inside `inSnapshot` (or a transaction with an empty search_path). */
export async function readCatalog(c: Client, scope: Scope = DEFAULT_SCOPE): Promise<Catalog> {
  const me = `(SELECT oid FROM pg_roles WHERE rolname = current_user)`;
  const { rows } = await c.query<{ user: string; defaults: Record<string, AclEntry[]> }>(
    `SELECT current_user AS user,
            (SELECT json_object_agg(k, ${aclJson(`acldefault(k::"char", ${me})`)}) FROM unnest(ARRAY['r', 's', 'f', 'T', 'n']) k) AS defaults`);
  const { user, defaults } = rows[0];
  // acldefault names only the owner and PUBLIC: the reading role's defaults with the owner put in are anyone's.
  const baseline = (kind: string, owner: string) => (defaults[kind] ?? []).map((e) => (e.grantee === user ? { ...e, grantee: owner } : e));
  const ctx: ReadContext = {
    c, scope, oids: new OidKeys(), currentUser: user,
    aclOf: (kind, owner, raw) => {
      const start = kind === 'c' ? [] : baseline(kind, owner);
      return { entries: raw ? parseAcl(raw) : start, baseline: start };
    },
  };
  const items = new Map<string, CatalogItem>();
  for (const read of READERS) {
    for (const it of await read(ctx)) items.set(it.key, it);
  }
  await addDependencies(ctx, items);
  // A materialized view is refreshed after the ones it reads from.
  for (const it of items.values()) {
    if (it.kind !== 'refresh') continue;
    const view = items.get(it.key.replace(/^refresh /, 'matview '));
    for (const d of view?.deps ?? []) if (items.get(d)?.kind === 'matview') it.deps.add(d.replace(/^matview /, 'refresh '));
  }
  return { items, order: orderItems(items), currentUser: user, creatorDefaults: defaults };
}
