// Which relationship an embedded resource `name[!hint](…)` follows from a source relation, as PostgREST decides:
// computed relationships (functions of the source's row type) first, then foreign keys (tables' own and those views
// inherit) named by target table, constraint name or column, and many-to-many through join tables.
import type { EmbedItem } from './ast.js';
import { ambiguousRelationship, noRelationship, type RelationshipSummary } from './errors.js';
import { relKey, type DbFunction, type ForeignKey, type Relation, type SchemaSnapshot } from './schema-cache.js';
import { fuzzyMatches } from './similar.js';

export type Join =
  /** `forward`: the source holds the foreign key (many-to-one or one-to-one); else the target does. */
  | { kind: 'fk'; fk: ForeignKey; forward: boolean }
  | { kind: 'many-to-many'; junction: Relation; source: ForeignKey; target: ForeignKey }
  | { kind: 'computed'; fn: DbFunction };

export interface Resolved {
  join: Join;
  target: Relation;
  toOne: boolean;
}

interface Candidate extends Resolved {
  /** The `!hint` words that select this candidate. */
  hints: string[];
  /** Matched through the constraint's name used as the resource name. */
  byConstraint: boolean;
}

const cols = (names: string[]) => `(${names.join(', ')})`;

function fkCandidate(fk: ForeignKey, forward: boolean, byConstraint: boolean): Candidate {
  return { join: { kind: 'fk', fk, forward }, target: forward ? fk.to : fk.from, toOne: forward || fk.oneToOne, hints: [fk.name, ...fk.columns], byConstraint };
}

/** How PostgREST describes a candidate when the choice is ambiguous. */
function summary(source: Relation, { join, target }: Candidate): RelationshipSummary {
  const embedding = `${source.name} with ${target.name}`;
  if (join.kind === 'many-to-many') {
    return {
      cardinality: 'many-to-many', embedding, hint: join.junction.name,
      relationship: `${join.junction.name} using ${join.source.name}${cols(join.source.columns)} and ${join.target.name}${cols(join.target.columns)}`,
    };
  }
  const { fk, forward } = join as Extract<Join, { kind: 'fk' }>;
  const [sourceCols, targetCols] = forward ? [fk.columns, fk.refColumns] : [fk.refColumns, fk.columns];
  return {
    cardinality: fk.oneToOne ? 'one-to-one' : forward ? 'many-to-one' : 'one-to-many', embedding, hint: fk.name,
    relationship: `${fk.name} using ${source.name}${cols(sourceCols)} and ${target.name}${cols(targetCols)}`,
  };
}

/** A join table: foreign keys to both sides whose columns are all part of its primary key. */
function isJunction(junction: Relation, a: ForeignKey, b: ForeignKey): boolean {
  const pk = new Set(junction.primaryKey);
  return a !== b && [...a.columns, ...b.columns].every((c) => pk.has(c));
}

function candidates(snapshot: SchemaSnapshot, source: Relation, name: string): Candidate[] {
  const out: Candidate[] = [];
  const key = relKey(source.schema, source.name);
  for (const fk of snapshot.fksFrom.get(key) ?? []) {
    const byColumn = fk.columns.length === 1 && fk.columns[0] === name;
    // A self-reference by the table's own name is the one-to-many side (the children); by column, the parent.
    if ((fk.to.name === name && fk.from !== fk.to) || byColumn || fk.name === name) out.push(fkCandidate(fk, true, fk.name === name && !byColumn));
  }
  for (const fk of snapshot.fksTo.get(key) ?? []) {
    if (fk.from.name === name || fk.name === name) out.push(fkCandidate(fk, false, fk.name === name));
  }
  for (const toSource of snapshot.fksTo.get(key) ?? []) {
    const junction = toSource.from;
    if (junction.kind !== 'table') continue;
    for (const toTarget of snapshot.fksFrom.get(relKey(junction.schema, junction.name)) ?? []) {
      if (toTarget.to.name !== name || !isJunction(junction, toSource, toTarget)) continue;
      out.push({
        join: { kind: 'many-to-many', junction, source: toSource, target: toTarget }, target: toTarget.to, toOne: false,
        hints: [junction.name, toSource.name, toTarget.name], byConstraint: false,
      });
    }
  }
  return out;
}

const relatedNames = (snapshot: SchemaSnapshot, key: string) =>
  [...(snapshot.fksFrom.get(key) ?? []).map((f) => f.to.name), ...(snapshot.fksTo.get(key) ?? []).map((f) => f.from.name)];

/**
 * As PostgREST: a source with relationships gets the nearest of its related tables (none when the name is one of
 * them); a source without any gets the nearest table of the schema that has relationships, in its place.
 */
function suggestion(snapshot: SchemaSnapshot, source: Relation, name: string): string | null {
  const related = relatedNames(snapshot, relKey(source.schema, source.name));
  if (related.length > 0) {
    const near = fuzzyMatches(name, related).find((m) => m.score < 1)?.name;
    return near ? `Perhaps you meant '${near}' instead of '${name}'.` : null;
  }
  const parents = [...snapshot.relations.values()]
    .filter((r) => r.schema === source.schema && relatedNames(snapshot, relKey(r.schema, r.name)).length > 0)
    .map((r) => r.name);
  const near = fuzzyMatches(source.name, parents)[0]?.name;
  return near ? `Perhaps you meant '${near}' instead of '${source.name}'.` : null;
}

export function resolveEmbed(snapshot: SchemaSnapshot, source: Relation, embed: EmbedItem): Resolved {
  const fn = snapshot.computed.get(relKey(source.schema, source.name))?.get(embed.name);
  if (fn?.returnRelation && embed.hint === undefined) {
    return { join: { kind: 'computed', fn }, target: fn.returnRelation, toOne: !fn.returnsSet || fn.rows === 1 };
  }
  let found = candidates(snapshot, source, embed.name);
  if (embed.hint !== undefined) found = found.filter((c) => c.hints.includes(embed.hint!) || c.target.name === embed.hint);
  if (found.length > 1 && found.every((c) => c.byConstraint)) {
    // A constraint named as the resource: the table's own relationship before those views inherit from it.
    const tables = found.filter((c) => c.target.kind === 'table' && c.join.kind === 'fk' && c.join.fk.from.kind === 'table');
    if (tables.length === 1) found = tables;
  }
  if (found.length === 0) throw noRelationship(source.name, embed.name, source.schema, embed.hint, suggestion(snapshot, source, embed.name));
  if (found.length > 1) throw ambiguousRelationship(source.name, embed.name, found.map((c) => summary(source, c)));
  const [{ join, target, toOne }] = found;
  return { join, target, toOne };
}
