// The DDL that turns main's schema into a branch's, from two catalogs read the same way as the dump. Items are
// matched by key: the branch's new ones are created (in the branch's dependency order), main's extra ones dropped
// (dependents first), changed ones altered in place where Postgres can, or dropped and created again — and with
// them whatever depends on them (a view on a retyped column, a trigger on a rebuilt function).
import { sameAcl } from '../../backups/dump/acl.js';
import type { Catalog, CatalogItem, ItemKind } from '../../backups/dump/model.js';
import { createStatements, planChange, resetStatements } from './alter.js';
import { columnTable, dropStatement, parentOf } from './drops.js';
import { statement, type DiffStatement, type Plan, type SchemaDiff } from './statements.js';

/** Kinds that can be dropped and created again without losing data. */
const REBUILDABLE = new Set<ItemKind>(['view', 'matview', 'refresh', 'index', 'constraint', 'trigger', 'policy', 'function', 'publication',
  'event_trigger', 'comment', 'owner', 'acl', 'replica_identity']);
/** What must be rebuilt when a table's column is dropped or retyped, or a type is rebuilt: what reads it by definition. */
const READERS = new Set<ItemKind>(['view', 'matview', 'refresh', 'policy', 'trigger', 'function']);
const PROPERTIES = new Set<ItemKind>(['comment', 'acl', 'default_acl', 'replica_identity', 'sequence_owner']);

function differs(f: CatalogItem, t: CatalogItem): boolean {
  if (f.kind === 'acl' && t.kind === 'acl') return !sameAcl(f.data.entries, t.data.entries);
  if (f.kind === 'default_acl' && t.kind === 'default_acl') return !sameAcl(f.data.entries, t.data.entries);
  if (f.kind === 'owner' && t.kind === 'owner') return f.data.owner !== t.data.owner;
  if (f.kind === 'rls' && t.kind === 'rls') return f.data.enabled !== t.data.enabled || f.data.forced !== t.data.forced;
  return f.sql !== t.sql;
}

function dependentsOf(catalog: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const it of catalog.items.values()) {
    for (const d of it.deps) {
      const list = out.get(d);
      if (list) list.push(it.key);
      else out.set(d, [it.key]);
    }
  }
  return out;
}

/** Items of main that both keep but must be dropped and created again because something they depend on is. */
function rebuildSet(main: Catalog, branch: Catalog, plans: Map<string, Plan>, removed: Set<string>): Set<string> {
  const dependents = dependentsOf(main);
  const rebuilt = new Set<string>();
  const queue: string[] = [];
  const visit = (key: string, kinds: Set<ItemKind>) => {
    for (const d of dependents.get(key) ?? []) {
      const it = main.items.get(d)!;
      if (!branch.items.has(d) || rebuilt.has(d) || !kinds.has(it.kind)) continue;
      rebuilt.add(d);
      queue.push(d);
    }
  };
  for (const [key, plan] of plans) {
    if (plan.how === 'recreate') {
      rebuilt.add(key);
      queue.push(key);
    } else if (plan.rebuildDependents) visit(key, plan.rebuildDependents === 'all' ? REBUILDABLE : READERS);
  }
  for (const key of removed) visit(key, REBUILDABLE);
  while (queue.length) visit(queue.shift()!, REBUILDABLE);
  return rebuilt;
}

export function diffCatalogs(main: Catalog, branch: Catalog): SchemaDiff {
  const warnings: string[] = [];
  const added = new Set<string>();
  const removed = new Set<string>();
  const plans = new Map<string, Plan>();
  for (const [key, t] of branch.items) {
    const f = main.items.get(key);
    if (!f) added.add(key);
    else if (differs(f, t)) plans.set(key, planChange(f, t, main, warnings));
  }
  for (const key of main.items.keys()) if (!branch.items.has(key)) removed.add(key);
  const rebuilt = rebuildSet(main, branch, plans, removed);
  const dependents = dependentsOf(main);
  for (const key of rebuilt) {
    if (main.items.get(key)?.kind !== 'function') continue;
    for (const d of dependents.get(key) ?? []) {
      const kind = main.items.get(d)?.kind;
      if (kind === 'table' || kind === 'type') warnings.push(`${key} changes incompatibly but ${d} uses it (a default, check or generated column): change it by hand`);
    }
  }
  const gone = (key: string | null) => key !== null && (removed.has(key) || rebuilt.has(key));

  const drops: DiffStatement[] = [];
  for (const key of [...main.order].reverse()) {
    if (!gone(key)) continue;
    const it = main.items.get(key)!;
    const owningTable = it.kind === 'sequence' ? [...(main.items.get(key.replace(/^sequence /, 'sequence_owner '))?.deps ?? [])].find((d) => d.startsWith('table ')) ?? null : null;
    if (gone(parentOf(it)) || gone(owningTable)) continue;
    const drop = dropStatement(it);
    if (drop) drops.push(drop);
  }

  const resets: DiffStatement[] = [];
  for (const key of main.order) {
    const it = main.items.get(key)!;
    if (!removed.has(key) || !PROPERTIES.has(it.kind) || gone(parentOf(it))) continue;
    if (it.kind === 'acl' && it.data.column) {
      const table = branch.items.get(columnTable(it.data.object));
      if (table?.kind !== 'table' || !table.data.columns.some((c) => c.name === it.data.column)) continue;
    }
    resets.push(...resetStatements(it));
  }

  const changes: DiffStatement[] = [];
  for (const key of branch.order) {
    const it = branch.items.get(key)!;
    if (added.has(key) || rebuilt.has(key)) changes.push(...createStatements(it, branch, main));
    else {
      const plan = plans.get(key);
      if (plan?.how === 'alter') changes.push(...plan.statements);
    }
  }
  if (changes.some((s) => s.sql.startsWith('ALTER TYPE') && s.sql.includes(' ADD VALUE '))) {
    warnings.push('New enum labels cannot be used in the same transaction that adds them: a default or check using one makes the promotion fail');
  }
  const statements = [...drops, ...resets, ...changes];
  if (statements.some((s) => s.kind === 'function' && s.action !== 'drop')) {
    // Function bodies may name tables created further down.
    statements.unshift(statement('setting', '', 'alter', 'SET LOCAL check_function_bodies = false;'));
  }
  return { statements, warnings };
}

/** The statements as one script. */
export const diffSql = (diff: SchemaDiff): string => (diff.statements.length ? diff.statements.map((s) => s.sql).join('\n\n') + '\n' : '');
