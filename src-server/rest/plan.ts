// Resolves a parsed request against the schema cache: every table, column, computed field, relationship, type and
// function is checked here, so the SQL builder only ever sees names that exist.
import { ApiError } from '../errors.js';
import type { AggregateName, Condition, EmbedItem, Field, Filter, Level, OrderTerm, QueryAst, SelectItem } from './ast.js';
import { aggregatesNotAllowed, badEmbedOperator, duplicateEmbed, notEmbedded, relatedOrderNotToOne, tableNotFound, unacceptableSchema } from './errors.js';
import { resolveEmbed, type Join } from './relationships.js';
import { relKey, type Column, type DbFunction, type Relation, type SchemaSnapshot } from './schema-cache.js';
import { closest, fuzzyBest } from './similar.js';

export type { Join } from './relationships.js';

export interface PlannedEmbed {
  kind: 'embed';
  output: string;
  plan: ReadPlan;
  join: Join;
  inner: boolean;
  toOne: boolean;
  spread: boolean;
  /** `rel()`: for filtering only, not part of the result. */
  empty: boolean;
}

export type PlannedItem =
  | { kind: 'star' }
  | {
    kind: 'column'; field: Field; column: Column; output: string; cast?: string; plain: boolean;
    aggregate?: AggregateName; aggregateCast?: string;
  }
  /** count(*) of the rows at this level. */
  | { kind: 'count'; output: string; cast?: string }
  | PlannedEmbed;

export type PlannedFilter =
  | { kind: 'cond'; cond: Condition; column: Column }
  | { kind: 'logic'; op: 'and' | 'or'; negate: boolean; children: PlannedFilter[] }
  | { kind: 'embed-null'; embed: PlannedEmbed; isNull: boolean };

export interface PlannedOrder {
  term: OrderTerm;
  column: Column;
  /** A related order: the to-one embed whose column orders this level. */
  embed?: PlannedEmbed;
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
  if (!snapshot.schemas.includes(profile)) throw unacceptableSchema(profile.slice(0, 100), snapshot.schemas);
  return profile;
}

export function findRelation(snapshot: SchemaSnapshot, schema: string, name: string): Relation {
  const rel = snapshot.relations.get(relKey(schema, name));
  if (!rel) {
    // PostgREST 14 names a table only when it is close: no hint that reveals far-off names.
    const near = fuzzyBest(name, [...snapshot.relations.values()].filter((r) => r.schema === schema).map((r) => r.name), 0.75);
    throw tableNotFound(schema, name.slice(0, 200), near);
  }
  return rel;
}

/** A column of the relation, or a computed field (a function of its row type). */
export function columnOf(snapshot: SchemaSnapshot | undefined, rel: Relation, name: string): Column {
  const col = rel.columns.get(name);
  if (col) return col;
  const fn = snapshot?.computed.get(relKey(rel.schema, rel.name))?.get(name);
  if (fn) return { name, type: fn.returnKind === 'scalar' ? fn.returnType : '', typeOid: 0, nullable: true, hasDefault: false, computed: fn };
  const near = closest(name, rel.columnList.map((c) => c.name));
  const shown = name.length > 100 ? name.slice(0, 100) + '…' : name;
  throw new ApiError(400, '42703', `column ${rel.name}.${shown} does not exist`, {
    hint: near ? `Perhaps you meant to reference the column "${rel.name}.${near}".` : null,
  });
}

function resolveCast(snapshot: SchemaSnapshot, cast: string): string {
  const isArray = cast.endsWith('[]');
  const base = snapshot.types.get(isArray ? cast.slice(0, -2) : cast);
  if (!base) throw new ApiError(400, 'PGRST100', `unknown type "${cast.slice(0, 100)}" in cast`);
  return isArray ? `${base}[]` : base;
}

export class Planner {
  private consumed = new Set<string>();

  constructor(private readonly snapshot: SchemaSnapshot, private readonly levels: Map<string, Level>) {}

  private aggregate(): void {
    if (!this.snapshot.settings.aggregatesEnabled) throw aggregatesNotAllowed();
  }

  plan(rel: Relation, select: SelectItem[], path = ''): ReadPlan {
    this.consumed.add(path);
    const level = this.levels.get(path) ?? { filters: [], order: [] };
    const items: PlannedItem[] = [];
    const embedNames = new Set<string>();
    for (const item of select) {
      if (item.kind === 'star') items.push({ kind: 'star' });
      else if (item.kind === 'count') {
        this.aggregate();
        items.push({ kind: 'count', output: item.alias ?? 'count', cast: item.cast ? resolveCast(this.snapshot, item.cast) : undefined });
      } else if (item.kind === 'column') {
        // A bare `count` is PostgREST's older spelling of count() (allowed without the setting), e.g. `posts(count)`.
        if (item.field.name === 'count' && item.field.path.length === 0 && !item.cast && !item.aggregate && !rel.columns.has('count')) {
          items.push({ kind: 'count', output: item.alias ?? 'count' });
          continue;
        }
        if (item.aggregate) this.aggregate();
        const column = columnOf(this.snapshot, rel, item.field.name);
        const last = item.field.path[item.field.path.length - 1];
        items.push({
          kind: 'column', field: item.field, column,
          output: item.alias ?? (item.aggregate ?? (last ? last.key : item.field.name)),
          cast: item.cast ? resolveCast(this.snapshot, item.cast) : undefined,
          plain: !item.alias && !item.cast && !item.aggregate && item.field.path.length === 0 && !column.computed,
          aggregate: item.aggregate, aggregateCast: item.aggregateCast ? resolveCast(this.snapshot, item.aggregateCast) : undefined,
        });
      } else {
        // Each embed is its own subquery under its name: two of one name would give an object with a duplicate key.
        const name = item.alias ?? item.name;
        if (!item.spread && embedNames.has(name)) throw duplicateEmbed(`${rel.name}_${name}_${path ? path.split('.').length + 1 : 1}`, name);
        if (!item.spread) embedNames.add(name);
        items.push(this.embed(rel, item, path));
      }
    }
    const embeds = new Map(items.filter((i): i is PlannedEmbed => i.kind === 'embed').map((e) => [e.output, e]));
    return {
      rel, select: items,
      filters: level.filters.map((f) => this.filter(rel, f, embeds)),
      order: level.order.map((term) => this.order(rel, term, embeds)),
      limit: level.limit, offset: level.offset,
    };
  }

  private embed(rel: Relation, item: EmbedItem, path: string): PlannedEmbed {
    const { join, target, toOne } = resolveEmbed(this.snapshot, rel, item);
    const output = item.alias ?? item.name;
    const childPath = path ? `${path}.${output}` : output;
    const select: SelectItem[] = item.select.length ? item.select : [{ kind: 'star' }];
    const plan = this.plan(target, select, childPath);
    return { kind: 'embed', output, plan, join, inner: item.inner, toOne, spread: item.spread, empty: item.empty };
  }

  private order(rel: Relation, term: OrderTerm, embeds: Map<string, PlannedEmbed>): PlannedOrder {
    if (term.relation === undefined) return { term, column: columnOf(this.snapshot, rel, term.field.name) };
    const embed = embeds.get(term.relation);
    if (!embed) throw notEmbedded(term.relation.slice(0, 100));
    if (!embed.toOne || embed.spread) throw relatedOrderNotToOne(rel.name, term.relation.slice(0, 100));
    return { term, column: columnOf(this.snapshot, embed.plan.rel, term.field.name), embed };
  }

  private filter(rel: Relation, f: Filter, embeds: Map<string, PlannedEmbed>): PlannedFilter {
    if (f.kind === 'logic') return { kind: 'logic', op: f.op, negate: f.negate, children: f.children.map((c) => this.filter(rel, c, embeds)) };
    const embed = !rel.columns.has(f.field.name) ? embeds.get(f.field.name) : undefined;
    if (embed) {
      if (f.op !== 'is' || f.field.path.length > 0 || (f.value !== 'null' && f.value !== 'not_null')) throw badEmbedOperator(f.field.name);
      return { kind: 'embed-null', embed, isNull: (f.value === 'null') !== f.negate };
    }
    return { kind: 'cond', cond: f, column: columnOf(this.snapshot, rel, f.field.name) };
  }

  /** Filters or order given for an embed the select does not have are an error, as in PostgREST. */
  checkAllLevelsUsed(): void {
    for (const [path, level] of this.levels) {
      const used = level.filters.length > 0 || level.order.length > 0 || level.limit !== undefined || level.offset !== undefined;
      if (used && !this.consumed.has(path)) throw notEmbedded(path.slice(0, 100));
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
  return {
    schema: fn.schema, name: fn.name, kind: 'view', oid: 0, columns: new Map(cols.map((c) => [c.name, c])), columnList: cols,
    primaryKey: [], uniqueKeys: [],
  };
}

/** Whether a level's rows are grouped: an aggregate there, or in a to-one spread lifted into it. */
export function hasAggregate(plan: ReadPlan): boolean {
  return plan.select.some((i) => i.kind === 'count' || (i.kind === 'column' && i.aggregate !== undefined)
    || (i.kind === 'embed' && i.spread && i.toOne && hasAggregate(i.plan)));
}
