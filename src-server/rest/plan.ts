// Resolves a parsed request against the schema cache: every table, column, relationship, type and function is
// checked here, so the SQL builder only ever sees names that exist.
import { ApiError } from '../errors.js';
import type { Condition, EmbedItem, Field, Filter, Level, OrderTerm, QueryAst, SelectItem } from './ast.js';
import { relKey, type Column, type DbFunction, type ForeignKey, type Relation, type SchemaSnapshot } from './schema-cache.js';

export type Join =
  | { kind: 'many-to-one'; fk: ForeignKey }
  | { kind: 'one-to-many'; fk: ForeignKey }
  | { kind: 'many-to-many'; junction: Relation; source: ForeignKey; target: ForeignKey };

export type PlannedItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; column: Column; output: string; cast?: string; plain: boolean }
  | { kind: 'embed'; output: string; plan: ReadPlan; join: Join; inner: boolean; toOne: boolean };

export type PlannedFilter =
  | { kind: 'cond'; cond: Condition; column: Column }
  | { kind: 'logic'; op: 'and' | 'or'; negate: boolean; children: PlannedFilter[] }
  | { kind: 'embed-null'; embed: PlannedItem & { kind: 'embed' }; isNull: boolean };

export interface PlannedOrder {
  term: OrderTerm;
  column: Column;
}

export interface ReadPlan {
  /** What rows come from: a relation, or (root of an rpc) the function's result. */
  rel: Relation;
  select: PlannedItem[];
  filters: PlannedFilter[];
  order: PlannedOrder[];
  limit?: number;
  offset?: number;
}

/** The relation (or function result) the request is about, in the profile's schema. */
export function resolveSchema(snapshot: SchemaSnapshot, profile: string | undefined): string {
  if (profile === undefined || profile === '') return snapshot.schemas[0];
  if (!snapshot.schemas.includes(profile)) {
    throw new ApiError(406, 'PGRST106', `The schema must be one of the following: ${snapshot.schemas.join(', ')}`, { detail: null });
  }
  return profile;
}

export function findRelation(snapshot: SchemaSnapshot, schema: string, name: string): Relation {
  const rel = snapshot.relations.get(relKey(schema, name));
  if (!rel) {
    const near = closest(name, [...snapshot.relations.values()].filter((r) => r.schema === schema).map((r) => r.name));
    throw new ApiError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, {
      hint: near ? `Perhaps you meant the table '${schema}.${near}'` : null,
    });
  }
  return rel;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

function closest(name: string, candidates: string[]): string | undefined {
  if (name.length > 200) return undefined;
  let best: string | undefined;
  let bestScore = 3;
  for (const c of candidates) {
    const d = levenshtein(name.toLowerCase(), c.toLowerCase());
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}

export function columnOf(rel: Relation, name: string, code = '42703'): Column {
  const col = rel.columns.get(name);
  if (!col) {
    const near = closest(name, rel.columnList.map((c) => c.name));
    const shown = name.length > 100 ? name.slice(0, 100) + '…' : name;
    throw new ApiError(400, code, `column ${rel.name}.${shown} does not exist`, {
      hint: near ? `Perhaps you meant to reference the column "${rel.name}.${near}".` : `Columns of ${rel.name}: ${rel.columnList.map((c) => c.name).join(', ').slice(0, 500)}`,
    });
  }
  return col;
}

function resolveCast(snapshot: SchemaSnapshot, cast: string): string {
  const isArray = cast.endsWith('[]');
  const base = snapshot.types.get(isArray ? cast.slice(0, -2) : cast);
  if (!base) throw new ApiError(400, 'PGRST100', `unknown type "${cast.slice(0, 100)}" in cast`);
  return isArray ? `${base}[]` : base;
}

const describeFk = (fk: ForeignKey) => `${fk.from.name}(${fk.columns.join(',')}) → ${fk.to.name}(${fk.refColumns.join(',')}) [${fk.name}]`;

function relationships(snapshot: SchemaSnapshot, source: Relation, embed: EmbedItem): Array<{ join: Join; target: Relation }> {
  const out: Array<{ join: Join; target: Relation; hints: string[] }> = [];
  const key = relKey(source.schema, source.name);
  for (const fk of snapshot.fksFrom.get(key) ?? []) {
    const byColumn = fk.columns.length === 1 && fk.columns[0] === embed.name;
    if (fk.to.name === embed.name || byColumn) {
      out.push({ join: { kind: 'many-to-one', fk }, target: fk.to, hints: [fk.name, ...fk.columns, fk.to.name] });
    }
  }
  for (const fk of snapshot.fksTo.get(key) ?? []) {
    if (fk.from.name === embed.name) out.push({ join: { kind: 'one-to-many', fk }, target: fk.from, hints: [fk.name, ...fk.columns] });
  }
  for (const toSource of snapshot.fksTo.get(key) ?? []) {
    const junction = toSource.from;
    for (const toTarget of snapshot.fksFrom.get(relKey(junction.schema, junction.name)) ?? []) {
      if (toTarget === toSource || toTarget.to.name !== embed.name) continue;
      out.push({ join: { kind: 'many-to-many', junction, source: toSource, target: toTarget }, target: toTarget.to, hints: [junction.name, toSource.name, toTarget.name] });
    }
  }
  const candidates = embed.hint === undefined ? out : out.filter((c) => c.hints.includes(embed.hint!));
  if (candidates.length === 0) {
    throw new ApiError(400, 'PGRST200', `Could not find a relationship between '${source.name}' and '${embed.name}' in the schema cache`, {
      hint: embed.hint ? `No foreign key or join table named '${embed.hint}' links them` : 'Embedding needs a foreign key between the two tables (or a join table with foreign keys to both)',
    });
  }
  if (candidates.length > 1) {
    throw new ApiError(300, 'PGRST201', `Could not embed because more than one relationship was found for '${source.name}' and '${embed.name}'`, {
      detail: candidates.map((c) => ({
        cardinality: c.join.kind,
        relationship: c.join.kind === 'many-to-many' ? `${c.join.junction.name} via ${c.join.source.name} and ${c.join.target.name}` : describeFk(c.join.fk),
        embedding: `${source.name} with ${c.target.name}`,
      })),
      hint: `Try changing '${embed.name}' to one of: ${candidates.map((c) => `'${embed.name}!${c.join.kind === 'many-to-many' ? c.join.junction.name : c.join.fk.name}'`).join(', ')}`,
    });
  }
  return candidates;
}

export class Planner {
  private consumed = new Set<string>();

  constructor(private readonly snapshot: SchemaSnapshot, private readonly levels: Map<string, Level>) {}

  plan(rel: Relation, select: SelectItem[], path = ''): ReadPlan {
    this.consumed.add(path);
    const level = this.levels.get(path) ?? { filters: [], order: [] };
    const items: PlannedItem[] = [];
    for (const item of select) {
      if (item.kind === 'star') items.push({ kind: 'star' });
      else if (item.kind === 'column') {
        const column = columnOf(rel, item.field.name);
        const last = item.field.path[item.field.path.length - 1];
        items.push({
          kind: 'column', field: item.field, column, output: item.alias ?? (last ? last.key : item.field.name),
          cast: item.cast ? resolveCast(this.snapshot, item.cast) : undefined,
          plain: !item.alias && !item.cast && item.field.path.length === 0,
        });
      } else {
        const [{ join, target }] = relationships(this.snapshot, rel, item);
        const output = item.alias ?? item.name;
        const childPath = path ? `${path}.${output}` : output;
        const plan = this.plan(target, item.select.length ? item.select : [{ kind: 'star' }], childPath);
        items.push({ kind: 'embed', output, plan, join, inner: item.inner, toOne: join.kind === 'many-to-one' });
      }
    }
    const embeds = new Map(items.filter((i): i is PlannedItem & { kind: 'embed' } => i.kind === 'embed').map((e) => [e.output, e]));
    return {
      rel, select: items,
      filters: level.filters.map((f) => this.filter(rel, f, embeds)),
      order: level.order.map((term) => ({ term, column: columnOf(rel, term.field.name) })),
      limit: level.limit, offset: level.offset,
    };
  }

  private filter(rel: Relation, f: Filter, embeds: Map<string, PlannedItem & { kind: 'embed' }>): PlannedFilter {
    if (f.kind === 'logic') return { kind: 'logic', op: f.op, negate: f.negate, children: f.children.map((c) => this.filter(rel, c, embeds)) };
    const embed = !rel.columns.has(f.field.name) ? embeds.get(f.field.name) : undefined;
    if (embed && f.op === 'is' && f.field.path.length === 0 && (f.value === 'null' || f.value === 'not_null')) {
      return { kind: 'embed-null', embed, isNull: (f.value === 'null') !== f.negate };
    }
    return { kind: 'cond', cond: f, column: columnOf(rel, f.field.name) };
  }

  /** Filters or order given for an embed the select does not have are an error, as in PostgREST. */
  checkAllLevelsUsed(): void {
    for (const [path, level] of this.levels) {
      const used = level.filters.length > 0 || level.order.length > 0 || level.limit !== undefined || level.offset !== undefined;
      if (used && !this.consumed.has(path)) {
        throw new ApiError(400, 'PGRST108', `'${path.slice(0, 100)}' is not an embedded resource in this request`, {
          hint: `Verify that '${path.slice(0, 100)}' is included in the 'select' query parameter.`,
        });
      }
    }
  }
}

export function planRead(snapshot: SchemaSnapshot, rel: Relation, ast: QueryAst): ReadPlan {
  const planner = new Planner(snapshot, ast.levels);
  const plan = planner.plan(rel, ast.select);
  planner.checkAllLevelsUsed();
  return plan;
}

/** The relation-like view of a function's result, for selecting and filtering on it. */
export function functionResult(fn: DbFunction): Relation {
  if (fn.returnRelation) return fn.returnRelation;
  const cols: Column[] = fn.returnKind === 'scalar'
    ? [{ name: fn.name, type: fn.returnType, typeOid: 0, nullable: true, hasDefault: false }]
    : fn.returnColumns.map((name) => ({ name, type: '', typeOid: 0, nullable: true, hasDefault: false }));
  return { schema: fn.schema, name: fn.name, kind: 'view', columns: new Map(cols.map((c) => [c.name, c])), columnList: cols, primaryKey: [] };
}

/** Picks the overload whose named arguments match the given keys (a lone unnamed json argument takes the whole body). */
export function findFunction(snapshot: SchemaSnapshot, schema: string, name: string, keys: string[]): { fn: DbFunction; wholeBody: boolean } {
  const overloads = snapshot.functions.get(relKey(schema, name)) ?? [];
  const given = new Set(keys);
  const matches = overloads.filter((fn) => fn.args.every((a) => a.name !== '' && (given.has(a.name) || a.hasDefault))
    && keys.every((k) => fn.args.some((a) => a.name === k)));
  if (matches.length === 1) return { fn: matches[0], wholeBody: false };
  if (matches.length > 1) {
    const exact = matches.filter((fn) => fn.args.length === keys.length);
    if (exact.length === 1) return { fn: exact[0], wholeBody: false };
    throw new ApiError(300, 'PGRST203', `Could not choose the best candidate function between: ${matches.map((f) => `${f.schema}.${f.name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`);
  }
  const single = overloads.find((fn) => fn.args.length === 1 && fn.args[0].name === '' && (fn.args[0].type === 'json' || fn.args[0].type === 'jsonb'));
  if (single) return { fn: single, wholeBody: true };
  throw new ApiError(404, 'PGRST202', `Could not find the function ${schema}.${name}${keys.length ? `(${keys.join(', ')})` : ' without parameters'} in the schema cache`, {
    hint: overloads.length ? `Its parameters are: ${overloads.map((f) => f.args.map((a) => a.name).join(', ')).join(' | ')}` : null,
  });
}
