// ALTER TYPE / ALTER DOMAIN for a type both databases have. New enum labels are added in place; an enum that lost
// or reordered labels is rebuilt under its name (the old one renamed, its columns converted through text, then
// dropped); composite attributes and domain defaults, NOT NULL and checks are altered.
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import { typeSql } from '../../backups/dump/types.js';
import type { Catalog, ItemOf } from '../../backups/dump/model.js';
import { statement, type DiffStatement, type Plan } from './statements.js';

type TypeItem = ItemOf<'type'>;

/** ADD VALUE statements when the branch's labels keep main's in order; null when labels were removed or reordered. */
function enumAdditions(name: string, from: string[], to: string[]): string[] | null {
  let i = 0;
  for (const label of to) if (label === from[i]) i++;
  if (i !== from.length) return null;
  const known = new Set(from);
  const out: string[] = [];
  to.forEach((label, index) => {
    if (known.has(label)) return;
    const next = to.slice(index + 1).find((l) => known.has(l));
    out.push(`ALTER TYPE ${name} ADD VALUE ${quoteLiteral(label)}${next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : ''};`);
    known.add(label);
  });
  return out;
}

/** The enum rebuilt under its own name; every column of main that uses it (or an array of it) is converted. */
function rebuildEnum(from: TypeItem, to: TypeItem, main: Catalog): DiffStatement[] {
  const name = qualified(to.data.schema, to.data.name);
  const old = `${to.data.name}__trestle_old`;
  const removed = from.data.labels.filter((l) => !to.data.labels.includes(l));
  const reason = removed.length
    ? `rebuilds enum ${name} without ${removed.map(quoteLiteral).join(', ')} (rows holding them make it fail)`
    : `rebuilds enum ${name} with its labels reordered`;
  const out = [
    statement('type', to.key, 'alter', `ALTER TYPE ${name} RENAME TO ${quoteIdent(old)};`, reason),
    statement('type', to.key, 'alter', typeSql(name, to.data)),
  ];
  for (const key of main.order) {
    const it = main.items.get(key)!;
    if (it.kind !== 'table') continue;
    const table = qualified(it.data.schema, it.data.name);
    for (const col of it.data.columns) {
      const array = col.type === from.data.arrayFormatted;
      if (!col.local || (col.type !== from.data.formatted && !array)) continue;
      const alter = `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)}`;
      if (col.default !== null) out.push(statement('table', it.key, 'alter', `${alter} DROP DEFAULT;`));
      const target = array ? `${name}[]` : name;
      out.push(statement('table', it.key, 'alter', `${alter} TYPE ${target} USING ${quoteIdent(col.name)}::text${array ? '[]' : ''}::${target};`));
      if (col.default !== null) out.push(statement('table', it.key, 'alter', `${alter} SET DEFAULT ${col.default};`));
    }
  }
  out.push(statement('type', to.key, 'alter', `DROP TYPE ${qualified(to.data.schema, old)};`));
  return out;
}

function compositeChanges(from: TypeItem, to: TypeItem): { statements: DiffStatement[]; rebuild: boolean } {
  const name = qualified(to.data.schema, to.data.name);
  const before = new Map(from.data.attributes.map((a) => [a.name, a.type]));
  const after = new Map(to.data.attributes.map((a) => [a.name, a.type]));
  const out: DiffStatement[] = [];
  let rebuild = false;
  for (const [attr] of before) {
    if (after.has(attr)) continue;
    out.push(statement('type', to.key, 'alter', `ALTER TYPE ${name} DROP ATTRIBUTE ${quoteIdent(attr)};`, `drops attribute ${quoteIdent(attr)} of ${name}`));
    rebuild = true;
  }
  for (const [attr, type] of after) {
    const prev = before.get(attr);
    if (prev === undefined) out.push(statement('type', to.key, 'alter', `ALTER TYPE ${name} ADD ATTRIBUTE ${quoteIdent(attr)} ${type};`));
    else if (prev !== type) {
      out.push(statement('type', to.key, 'alter', `ALTER TYPE ${name} ALTER ATTRIBUTE ${quoteIdent(attr)} TYPE ${type};`,
        `changes the type of attribute ${quoteIdent(attr)} of ${name} from ${prev} to ${type}`));
      rebuild = true;
    }
  }
  return { statements: out, rebuild };
}

function domainChanges(from: TypeItem, to: TypeItem): DiffStatement[] {
  const name = qualified(to.data.schema, to.data.name);
  const f = from.data;
  const t = to.data;
  const out: string[] = [];
  if (f.default !== t.default) out.push(t.default === null ? `ALTER DOMAIN ${name} DROP DEFAULT;` : `ALTER DOMAIN ${name} SET DEFAULT ${t.default};`);
  if (f.notNull !== t.notNull) out.push(`ALTER DOMAIN ${name} ${t.notNull ? 'SET' : 'DROP'} NOT NULL;`);
  const before = new Map(f.checks.map((c) => [c.name, c.def]));
  const after = new Map(t.checks.map((c) => [c.name, c.def]));
  for (const [check, def] of before) if (after.get(check) !== def) out.push(`ALTER DOMAIN ${name} DROP CONSTRAINT ${quoteIdent(check)};`);
  for (const [check, def] of after) if (before.get(check) !== def) out.push(`ALTER DOMAIN ${name} ADD CONSTRAINT ${quoteIdent(check)} ${def};`);
  return out.map((sql) => statement('type', to.key, 'alter', sql));
}

export function planType(from: TypeItem, to: TypeItem, main: Catalog, warnings: string[]): Plan {
  const name = qualified(to.data.schema, to.data.name);
  if (from.data.typtype !== to.data.typtype) {
    warnings.push(`${name} is a different kind of type on the branch; change it by hand`);
    return { how: 'alter', statements: [] };
  }
  switch (to.data.typtype) {
    case 'e': {
      const added = enumAdditions(name, from.data.labels, to.data.labels);
      if (added) return { how: 'alter', statements: added.map((sql) => statement('type', to.key, 'alter', sql)) };
      return { how: 'alter', statements: rebuildEnum(from, to, main), rebuildDependents: 'all' };
    }
    case 'c': {
      const { statements, rebuild } = compositeChanges(from, to);
      return { how: 'alter', statements, rebuildDependents: rebuild ? 'all' : undefined };
    }
    case 'd':
      if (from.data.base !== to.data.base || from.data.collation !== to.data.collation) {
        warnings.push(`domain ${name} has another base type or collation on the branch; change it by hand`);
        return { how: 'alter', statements: [] };
      }
      return { how: 'alter', statements: domainChanges(from, to) };
    default:
      warnings.push(`range type ${name} differs on the branch; change it by hand`);
      return { how: 'alter', statements: [] };
  }
}
