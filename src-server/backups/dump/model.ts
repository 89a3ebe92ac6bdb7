// The catalog as a list of items: one per schema object (or per property of one: its owner, grants, comment),
// each with the SQL that creates it and the keys of the items it depends on. The dump prints them in dependency
// order; the branch diff compares two such lists item by item. Keys are built from names, never oids, so the same
// schema in two databases yields the same keys and the same order.

export type ItemKind =
  | 'schema' | 'extension' | 'type' | 'function' | 'sequence' | 'table' | 'sequence_owner' | 'view' | 'matview'
  | 'constraint' | 'index' | 'replica_identity' | 'refresh' | 'trigger' | 'rls' | 'policy' | 'publication'
  | 'event_trigger' | 'comment' | 'owner' | 'acl' | 'default_acl';

/** pre: created before the data is loaded; post: after it (keys, indexes, triggers, policies, grants). */
export type Phase = 'pre' | 'post';

/** One privilege of one grantee ('PUBLIC' for everyone). Grantors are left out: a restore grants as the owner. */
export interface AclEntry {
  grantee: string;
  privilege: string;
  grantable: boolean;
}

export interface Column {
  name: string;
  type: string;
  collation: string | null;
  default: string | null;
  /** '' none, 'a' ALWAYS, 'd' BY DEFAULT. */
  identity: string;
  /** '' none, 's' stored, 'v' virtual. */
  generated: string;
  notNull: boolean;
  /** False for columns a child table only inherits. */
  local: boolean;
  /** An identity column's sequence options as CREATE TABLE writes them (`SEQUENCE NAME … START WITH …`). */
  identitySequence: string | null;
}

interface Base<K extends ItemKind, D> {
  key: string;
  kind: K;
  phase: Phase;
  /** The statements the dump prints; '' when there is nothing to say (e.g. the default owner). */
  sql: string;
  deps: Set<string>;
  data: D;
}

export interface TableData {
  schema: string;
  name: string;
  /** r plain, p partitioned. */
  relkind: string;
  columns: Column[];
  unlogged: boolean;
  options: string[];
  partitionKey: string | null;
  partitionOf: string | null;
  partitionBound: string | null;
  inherits: string[];
  /** Columns COPY writes: all but generated ones (empty for partitioned tables, whose rows live in partitions). */
  copyColumns: string[];
}

export interface TypeData {
  schema: string;
  name: string;
  /** As format_type writes it in column types (`shop.status`), and its array type. */
  formatted: string;
  arrayFormatted: string;
  /** e enum, c composite, d domain, r range. */
  typtype: string;
  labels: string[];
  attributes: Array<{ name: string; type: string }>;
  base: string | null;
  default: string | null;
  notNull: boolean;
  checks: Array<{ name: string; def: string }>;
  collation: string | null;
}

export interface FunctionData {
  schema: string;
  name: string;
  identityArgs: string;
  arguments: string;
  result: string;
  prokind: string;
}

export interface SequenceData {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface ViewData { schema: string; name: string; definition: string; options: string[]; columns: Array<{ name: string; type: string }> }
export interface ConstraintData { table: string; name: string; contype: string; definition: string; target: string }
export interface TriggerData { table: string; name: string; definition: string; enabled: string; isConstraint: boolean }
export interface RlsData { table: string; enabled: boolean; forced: boolean }
export interface EventTriggerData { name: string; definition: string; enabled: string }
export interface ExtensionData { name: string; schema: string; version: string }
/** What a comment, owner or grant statement names: `TABLE "s"."t"`, `FUNCTION "s"."f"(integer)`, … */
export interface PropertyData { target: string; object: string }
export interface CommentData extends PropertyData { text: string }
export interface OwnerData extends PropertyData { owner: string; defaultOwner: string; alterTarget: string }
export interface AclData extends PropertyData {
  /** acldefault's kind: r relation, s sequence, f function, T type, n schema, c column (no default). */
  aclKind: string;
  owner: string;
  entries: AclEntry[];
  /** What a freshly created object (in an empty database) would have. */
  baseline: AclEntry[];
  /** For a column grant: the column, granted as `PRIV (col) ON TABLE …`. */
  column: string | null;
}
export interface DefaultAclData { role: string; schema: string | null; objtype: string; entries: AclEntry[]; baseline: AclEntry[] }
export interface SimpleData { definition: string }

export type CatalogItem =
  | Base<'schema', { name: string }>
  | Base<'extension', ExtensionData>
  | Base<'type', TypeData>
  | Base<'function', FunctionData>
  | Base<'sequence', SequenceData>
  | Base<'table', TableData>
  | Base<'sequence_owner', SimpleData>
  | Base<'view', ViewData>
  | Base<'matview', ViewData>
  | Base<'constraint', ConstraintData>
  | Base<'index', SimpleData & { table: string }>
  | Base<'replica_identity', SimpleData & { table: string }>
  | Base<'refresh', SimpleData>
  | Base<'trigger', TriggerData>
  | Base<'rls', RlsData>
  | Base<'policy', SimpleData & { table: string; name: string }>
  | Base<'publication', SimpleData>
  | Base<'event_trigger', EventTriggerData>
  | Base<'comment', CommentData>
  | Base<'owner', OwnerData>
  | Base<'acl', AclData>
  | Base<'default_acl', DefaultAclData>;

export type ItemOf<K extends ItemKind> = Extract<CatalogItem, { kind: K }>;

/** A catalog read from one database: its items in dump order, and what the dump needs besides. */
export interface Catalog {
  items: Map<string, CatalogItem>;
  /** Every key, dependencies first. */
  order: string[];
  /** The role that reads (and, on restore, creates): objects it owns need no ALTER … OWNER. */
  currentUser: string;
  /** acldefault(kind, current_user) for kinds r s f T n: what a new object gets before default privileges. */
  creatorDefaults: Record<string, AclEntry[]>;
}

/** Ranks break ties between items whose dependencies allow either order (and group the dump into sections). */
export const KIND_RANK: Record<ItemKind, number> = {
  schema: 0, extension: 1, type: 2, function: 3, sequence: 4, table: 5, sequence_owner: 6, view: 7, matview: 8,
  constraint: 9, index: 10, replica_identity: 11, refresh: 12, trigger: 13, rls: 14, policy: 15, publication: 16,
  event_trigger: 17, comment: 18, owner: 19, acl: 20, default_acl: 21,
};

export function item<K extends ItemKind>(kind: K, key: string, phase: Phase, sql: string, data: ItemOf<K>['data'], deps: Iterable<string> = []): ItemOf<K> {
  return { kind, key, phase, sql, data, deps: new Set(deps) } as unknown as ItemOf<K>;
}
