// ALTER TABLE for a table both databases have: columns added, dropped and changed (type, default, identity,
// generated expression, NOT NULL), storage options, logging, inheritance and partition attachment.
import { qualified, quoteIdent } from '../../db/quote.js';
import { columnSql } from '../../backups/dump/tables.js';
import type { Column, ItemOf } from '../../backups/dump/model.js';
import { statement, type DiffStatement, type Plan } from './statements.js';

type Table = ItemOf<'table'>;

const optionName = (o: string) => o.slice(0, o.indexOf('='));

interface Step { sql: string; destructive: string | null }

/** The steps that turn column f into t, in an order Postgres accepts; `rebuild` when views on it must be rebuilt. */
function columnChanges(table: string, f: Column, t: Column): { steps: Step[]; rebuild: boolean } {
  const col = `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(f.name)}`;
  const steps: Step[] = [];
  const push = (sql: string, destructive: string | null = null) => steps.push({ sql, destructive });
  const generated = f.generated !== '' || t.generated !== '';
  if (generated) {
    if (f.generated === t.generated) {
      if (f.default !== t.default) push(`${col} SET EXPRESSION AS (${t.default});`);
    } else if (f.generated === 's' && t.generated === '') {
      push(`${col} DROP EXPRESSION;`);
    } else {
      return {
        steps: [
          { sql: `ALTER TABLE ${table} DROP COLUMN ${quoteIdent(f.name)};`, destructive: `replaces column ${table}.${quoteIdent(f.name)} (its values are lost)` },
          { sql: `ALTER TABLE ${table} ADD COLUMN ${columnSql(t)};`, destructive: null },
        ],
        rebuild: true,
      };
    }
  }
  const retyped = f.type !== t.type || f.collation !== t.collation;
  const plain = t.generated === '';
  if (plain && f.generated === '' && f.default !== null && (retyped || t.default === null || t.default !== f.default)) push(`${col} DROP DEFAULT;`);
  if (f.identity !== '' && t.identity === '') push(`${col} DROP IDENTITY IF EXISTS;`);
  if (retyped) {
    push(`${col} TYPE ${t.type}${t.collation ? ` COLLATE ${t.collation}` : ''} USING ${quoteIdent(f.name)}::${t.type};`,
      `changes the type of ${table}.${quoteIdent(f.name)} from ${f.type} to ${t.type} (values are converted; rows that do not fit make it fail)`);
  }
  const identityNotNull = f.identity !== '' && t.identity !== '';
  if (!f.notNull && t.notNull && !identityNotNull) push(`${col} SET NOT NULL;`);
  if (f.identity === '' && t.identity !== '') push(`${col} ADD GENERATED ${t.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY;`);
  else if (f.identity !== '' && t.identity !== '' && f.identity !== t.identity) push(`${col} SET GENERATED ${t.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'};`);
  if (plain && t.default !== null && (retyped || t.default !== f.default || f.generated !== '')) push(`${col} SET DEFAULT ${t.default};`);
  if (f.notNull && !t.notNull && t.identity === '') push(`${col} DROP NOT NULL;`);
  return { steps, rebuild: retyped };
}

function partitionChanges(name: string, f: Table['data'], t: Table['data']): string[] {
  if (f.partitionOf === t.partitionOf && f.partitionBound === t.partitionBound) return [];
  const out: string[] = [];
  if (f.partitionOf) out.push(`ALTER TABLE ${f.partitionOf} DETACH PARTITION ${name};`);
  if (t.partitionOf) out.push(`ALTER TABLE ${t.partitionOf} ATTACH PARTITION ${name} ${t.partitionBound};`);
  return out;
}

export function planTable(from: Table, to: Table, warnings: string[]): Plan {
  const f = from.data;
  const t = to.data;
  const name = qualified(t.schema, t.name);
  if (f.relkind !== t.relkind || f.partitionKey !== t.partitionKey) {
    warnings.push(`${name} is partitioned differently on the branch; Trestle does not rebuild tables: change it by hand`);
    return { how: 'alter', statements: [] };
  }
  const out: DiffStatement[] = [];
  const add = (sql: string, destructive: string | null = null) => out.push(statement('table', to.key, 'alter', sql, destructive));
  let rebuild = false;
  const before = new Map(f.columns.filter((c) => c.local).map((c) => [c.name, c]));
  const after = new Map(t.columns.filter((c) => c.local).map((c) => [c.name, c]));
  for (const [col] of before) {
    if (after.has(col)) continue;
    add(`ALTER TABLE ${name} DROP COLUMN ${quoteIdent(col)};`, `drops column ${name}.${quoteIdent(col)} and its values`);
    rebuild = true;
  }
  for (const [col, next] of after) {
    const prev = before.get(col);
    if (!prev) continue;
    const change = columnChanges(name, prev, next);
    for (const step of change.steps) add(step.sql, step.destructive);
    rebuild ||= change.rebuild;
  }
  for (const [col, next] of after) if (!before.has(col)) add(`ALTER TABLE ${name} ADD COLUMN ${columnSql(next)};`);
  if (f.unlogged !== t.unlogged) add(`ALTER TABLE ${name} SET ${t.unlogged ? 'UNLOGGED' : 'LOGGED'};`);
  const reset = f.options.map(optionName).filter((o) => !t.options.some((x) => optionName(x) === o));
  if (reset.length) add(`ALTER TABLE ${name} RESET (${reset.join(', ')});`);
  const set = t.options.filter((o) => !f.options.includes(o));
  if (set.length) add(`ALTER TABLE ${name} SET (${set.join(', ')});`);
  for (const p of f.inherits) if (!t.inherits.includes(p)) add(`ALTER TABLE ${name} NO INHERIT ${p};`);
  for (const p of t.inherits) if (!f.inherits.includes(p)) add(`ALTER TABLE ${name} INHERIT ${p};`);
  for (const sql of partitionChanges(name, f, t)) add(sql);
  return { how: 'alter', statements: out, rebuildDependents: rebuild ? 'readers' : undefined };
}
