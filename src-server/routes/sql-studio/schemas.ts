// Request and response schemas of the dashboard's SQL studio routes (/api/sql/*).
import { Type, type TSchema } from '@sinclair/typebox';
import { FK_ACTIONS } from '../../studio/ddl.js';
import { INDEX_METHODS, POLICY_COMMANDS } from '../../studio/ddl-objects.js';
import { SQL_LIMITS } from '../../sql/execute.js';

const Name = Type.String({ minLength: 1, maxLength: 128 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Any = Type.Unknown();
const Row = Type.Record(Type.String(), Any);

export const ViewAsQuery = {
  role: Type.Optional(Type.Union([Type.Literal('service'), Type.Literal('anon'), Type.Literal('authenticated')])),
  sub: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

// ---- catalog
export const TablesQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const TableQuery = Type.Object({ schema: Name, table: Name }, { additionalProperties: false });
export const ErdQuery = Type.Object({ schema: Type.Optional(Name) }, { additionalProperties: false });

export const TablesResponse = Type.Object({
  schemas: Type.Array(Type.Object({ name: Type.String(), exposed: Type.Boolean() })),
  tables: Type.Array(Type.Object({
    schema: Type.String(), name: Type.String(), kind: Type.String(), rows: Nullable(Type.Number()), rows_exact: Type.Boolean(),
    size_bytes: Type.Number(), rls_enabled: Type.Boolean(), exposed: Type.Boolean(), rls_warning: Nullable(Type.String()),
    comment: Nullable(Type.String()),
  })),
});

// ---- grid
/** What defines a grid view (sort, filters, search): shared by the browser and by export of the current view. */
const ViewParams = {
  order: Type.Optional(Type.String({ maxLength: 2000 })),
  order_by: Type.Optional(Name),
  order_dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  filter: Type.Optional(Type.Array(Type.String({ maxLength: 10_000 }), { maxItems: 50 })),
  search: Type.Optional(Type.String({ maxLength: 1000 })),
  search_column: Type.Optional(Name),
};

export const BrowserQuery = Type.Object({
  schema: Name,
  table: Name,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  ...ViewParams,
  after: Type.Optional(Type.String({ maxLength: 20_000 })),
  before: Type.Optional(Type.String({ maxLength: 20_000 })),
  last: Type.Optional(Type.Boolean()),
  count: Type.Optional(Type.Union([Type.Literal('estimated'), Type.Literal('exact'), Type.Literal('none')])),
  truncate: Type.Optional(Type.Integer({ minimum: 16, maximum: 1_000_000 })),
  ...ViewAsQuery,
}, { additionalProperties: false });

export const BrowserResponse = Type.Object({
  schema: Type.String(), table: Type.String(),
  columns: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), udt: Type.String(), nullable: Type.Boolean(), is_pk: Type.Boolean() })),
  rows: Type.Array(Row),
  truncated: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), length: Type.Integer() })),
  order: Type.Array(Type.Object({ column: Type.String(), direction: Type.String() })),
  keyset: Type.Boolean(),
  cursor: Type.Object({ first: Nullable(Type.String()), last: Nullable(Type.String()) }),
  has_previous: Type.Boolean(), has_next: Type.Boolean(),
  count: Nullable(Type.Number()), count_exact: Type.Boolean(),
  limit: Type.Integer(), offset: Type.Integer(),
});

export const CellQuery = Type.Object({
  schema: Name, table: Name, column: Name, pk: Type.String({ maxLength: 20_000 }), ...ViewAsQuery,
}, { additionalProperties: false });

const PkObject = Type.Record(Type.String(), Any);
export const ApplyEditsBody = Type.Object({
  schema: Name,
  table: Name,
  edits: Type.Array(Type.Union([
    Type.Object({ op: Type.Literal('update'), pk: PkObject, set: Row }, { additionalProperties: false }),
    Type.Object({ op: Type.Literal('insert'), values: Row }, { additionalProperties: false }),
    Type.Object({ op: Type.Literal('delete'), pk: PkObject }, { additionalProperties: false }),
  ]), { minItems: 1, maxItems: 1000 }),
}, { additionalProperties: false });

export const ApplyEditsResponse = Type.Object({
  applied: Type.Integer(),
  results: Type.Array(Type.Object({ op: Type.String(), row: Row })),
});

export const ImportBody = Type.Object({
  schema: Name,
  table: Name,
  columns: Type.Optional(Type.Array(Name, { minItems: 1, maxItems: 1600 })),
  rows: Type.Optional(Type.Array(Type.Array(Any), { maxItems: 100_000 })),
  csv: Type.Optional(Type.String()),
  header: Type.Optional(Type.Boolean()),
  mapping: Type.Optional(Type.Record(Type.String(), Nullable(Name))),
}, { additionalProperties: false });

// ---- console
const SqlText = Type.String({ minLength: 1, maxLength: 1_000_000 });
const QueryId = Type.String({ pattern: '^[\\w.:-]{1,64}$' });
const Params = Type.Array(Any, { maxItems: 1000 });

export const QueryBody = Type.Object({
  sql: SqlText,
  params: Type.Optional(Params),
  row_limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SQL_LIMITS.maxRows })),
  timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: SQL_LIMITS.maxTimeoutMs })),
  query_id: Type.Optional(QueryId),
}, { additionalProperties: false });

export const QueryResponse = Type.Object({
  query_id: Type.String(),
  duration_ms: Type.Number(),
  results: Type.Array(Type.Object({
    statement_index: Type.Integer(), statement: Type.String(), command: Type.String(),
    columns: Type.Array(Type.Object({ name: Type.String(), dataTypeID: Type.Integer(), typeName: Type.String() })),
    rows: Type.Array(Row), rowCount: Type.Integer(), truncated: Type.Boolean(), duration_ms: Type.Number(),
  })),
});

export const CancelBody = Type.Object({ query_id: QueryId }, { additionalProperties: false });
export const CancelResponse = Type.Object({ query_id: Type.String(), cancelled: Type.Boolean() });

export const ExplainBody = Type.Object({
  sql: SqlText,
  analyze: Type.Optional(Type.Boolean()),
  params: Type.Optional(Params),
  timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: SQL_LIMITS.maxTimeoutMs })),
}, { additionalProperties: false });

export const ExportBody = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('json')]),
  sql: Type.Optional(SqlText),
  params: Type.Optional(Params),
  view: Type.Optional(Type.Object({
    schema: Name, table: Name,
    ...ViewParams,
  }, { additionalProperties: false })),
  timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: SQL_LIMITS.maxTimeoutMs })),
}, { additionalProperties: false });

export const AnalyzeBody = Type.Object({ sql: Type.String({ maxLength: 1_000_000 }) }, { additionalProperties: false });
export const AnalyzeResponse = Type.Object({
  statements: Type.Integer(),
  destructive: Type.Array(Type.Object({ statement: Type.String(), index: Type.Integer(), reason: Type.String() })),
});

// ---- history and saved queries
export const HistoryQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 1000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
}, { additionalProperties: false });

const HistoryEntry = Type.Object({
  id: Type.String(), query_id: Type.String(), sql: Type.String(), status: Type.String(), duration_ms: Type.Integer(),
  row_count: Type.Number(), result_count: Type.Integer(), error: Nullable(Type.String()), error_code: Nullable(Type.String()),
  created_at: Type.String(),
});
export const HistoryResponse = Type.Object({ entries: Type.Array(HistoryEntry), total: Type.Integer() });

const SavedQuery = Type.Object({
  id: Type.String(), name: Type.String(), sql: Type.String(), tags: Type.Array(Type.String()),
  created_at: Type.String(), updated_at: Type.String(),
});
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 });
const SavedName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const SavedListQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 200 })), tag: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false });
export const SavedIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const CreateSavedBody = Type.Object({ name: SavedName, sql: Type.String({ maxLength: 1_000_000 }), tags: Type.Optional(Tags) }, { additionalProperties: false });
export const UpdateSavedBody = Type.Object({
  name: Type.Optional(SavedName), sql: Type.Optional(Type.String({ maxLength: 1_000_000 })), tags: Type.Optional(Tags),
}, { additionalProperties: false, minProperties: 1 });
export const SavedResponse = Type.Object({ query: SavedQuery });
export const SavedListResponse = Type.Object({ queries: Type.Array(SavedQuery) });

// ---- DDL
const DefaultSpec = Nullable(Type.Union([
  Type.Object({ literal: Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean()]) }, { additionalProperties: false }),
  Type.Object({ expression: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
]));
const FkAction = Type.Union(FK_ACTIONS.map((a) => Type.Literal(a)));
const TypeName = Type.String({ minLength: 1, maxLength: 200 });
const ColumnSpec = Type.Object({
  name: Name, type: TypeName,
  nullable: Type.Optional(Type.Boolean()),
  default: Type.Optional(DefaultSpec),
  primary_key: Type.Optional(Type.Boolean()),
  unique: Type.Optional(Type.Boolean()),
  identity: Type.Optional(Type.Union([Type.Literal('always'), Type.Literal('by_default')])),
  references: Type.Optional(Type.Object({
    schema: Type.Optional(Name), table: Name, column: Name, on_delete: Type.Optional(FkAction), on_update: Type.Optional(FkAction),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
const Target = { schema: Name, table: Name };
const Expression = Type.String({ minLength: 1, maxLength: 10_000 });
const Policy = Type.Object({
  name: Name, command: Type.Union(POLICY_COMMANDS.map((c) => Type.Literal(c))),
  roles: Type.Array(Name, { maxItems: 50 }), permissive: Type.Optional(Type.Boolean()),
  using: Type.Optional(Nullable(Expression)), with_check: Type.Optional(Nullable(Expression)),
}, { additionalProperties: false });
const op = <T extends string>(name: T, fields: Record<string, TSchema>) =>
  Type.Object({ op: Type.Literal(name), ...Target, ...fields }, { additionalProperties: false });

export const DdlBody = Type.Union([
  op('create_table', {
    columns: Type.Array(ColumnSpec, { minItems: 1, maxItems: 1600 }),
    primary_key: Type.Optional(Type.Array(Name, { maxItems: 32 })),
    foreign_keys: Type.Optional(Type.Array(Type.Object({
      columns: Type.Array(Name, { minItems: 1, maxItems: 32 }),
      references: Type.Object({ schema: Type.Optional(Name), table: Name, columns: Type.Array(Name, { minItems: 1, maxItems: 32 }) }, { additionalProperties: false }),
      on_delete: Type.Optional(FkAction), on_update: Type.Optional(FkAction),
    }, { additionalProperties: false }), { maxItems: 100 })),
    enable_rls: Type.Optional(Type.Boolean()),
  }),
  op('add_column', { column: ColumnSpec }),
  op('rename_column', { column: Name, new_name: Name }),
  op('alter_column_type', { column: Name, type: TypeName }),
  op('set_default', { column: Name, default: DefaultSpec }),
  op('set_nullable', { column: Name, nullable: Type.Boolean() }),
  op('drop_column', { column: Name, cascade: Type.Optional(Type.Boolean()) }),
  op('rename_table', { new_name: Name }),
  op('set_rls', { enabled: Type.Boolean() }),
  op('drop_table', { cascade: Type.Optional(Type.Boolean()) }),
  op('truncate_table', { cascade: Type.Optional(Type.Boolean()), restart_identity: Type.Optional(Type.Boolean()) }),
  op('add_constraint', {
    constraint: Type.Object({
      kind: Type.Union([Type.Literal('primary_key'), Type.Literal('unique'), Type.Literal('check'), Type.Literal('foreign_key')]),
      name: Type.Optional(Name),
      columns: Type.Optional(Type.Array(Name, { minItems: 1, maxItems: 32 })),
      expression: Type.Optional(Expression),
      references: Type.Optional(Type.Object({ schema: Type.Optional(Name), table: Name, columns: Type.Array(Name, { minItems: 1, maxItems: 32 }) }, { additionalProperties: false })),
      on_delete: Type.Optional(FkAction), on_update: Type.Optional(FkAction),
    }, { additionalProperties: false }),
  }),
  op('drop_constraint', { name: Name, cascade: Type.Optional(Type.Boolean()) }),
  op('create_index', {
    index: Type.Object({
      name: Type.Optional(Name), columns: Type.Array(Name, { minItems: 1, maxItems: 32 }),
      method: Type.Optional(Type.Union(INDEX_METHODS.map((m) => Type.Literal(m)))), unique: Type.Optional(Type.Boolean()),
      where: Type.Optional(Expression),
    }, { additionalProperties: false }),
  }),
  op('drop_index', { name: Name }),
  op('set_trigger_enabled', { name: Name, enabled: Type.Boolean() }),
  op('create_policy', { policy: Policy }),
  op('replace_policy', { name: Name, policy: Policy }),
  op('drop_policy', { name: Name }),
  op('set_security_invoker', { enabled: Type.Boolean() }),
]);

export const TypesResponse = Type.Object({
  types: Type.Array(Type.Object({
    schema: Type.String(), name: Type.String(), sql_name: Type.String({ description: 'The name to write in DDL (format_type)' }),
    kind: Type.Union([Type.Literal('base'), Type.Literal('enum'), Type.Literal('domain'), Type.Literal('composite'), Type.Literal('range')]),
    category: Type.String(),
  })),
});

export const DdlResponse = Type.Object({ sql: Type.String(), statements: Type.Array(Type.String()), applied: Type.Boolean() });
