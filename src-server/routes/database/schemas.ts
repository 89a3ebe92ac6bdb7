// Request and response schemas of /v1/database/schema and /v1/database/tables/:schema/:table.
import { Type } from '@sinclair/typebox';

const Name = Type.String({ minLength: 1, maxLength: 63 });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Names = Type.Array(Type.String());

export const SchemaQuery = Type.Object({ schema: Type.Optional(Name) }, { additionalProperties: false });
export const TableParams = Type.Object({ schema: Name, table: Name });

const Constraint = Type.Object({ name: Type.String(), columns: Names, definition: Type.String() });

export const TableInfoSchema = Type.Object({
  schema: Type.String(),
  name: Type.String(),
  kind: Type.Union(['table', 'partitioned_table', 'view', 'materialized_view', 'foreign_table'].map((k) => Type.Literal(k))),
  comment: NullableString,
  row_estimate: Type.Union([Type.Number(), Type.Null()], { description: 'From the planner statistics; null before the first ANALYZE' }),
  size_bytes: Type.Union([Type.Number(), Type.Null()], { description: 'Table, indexes and TOAST' }),
  rls: Type.Object({ enabled: Type.Boolean(), forced: Type.Boolean() }),
  columns: Type.Array(Type.Object({
    name: Type.String(),
    position: Type.Integer(),
    data_type: Type.String(),
    udt_name: Type.String(),
    nullable: Type.Boolean(),
    default: NullableString,
    is_identity: Type.Boolean(),
    identity_generation: Type.Union([Type.Literal('ALWAYS'), Type.Literal('BY DEFAULT'), Type.Null()]),
    is_generated: Type.Boolean(),
    generation_expression: NullableString,
    is_primary_key: Type.Boolean(),
    comment: NullableString,
  })),
  primary_key: Names,
  foreign_keys: Type.Array(Type.Object({
    name: Type.String(),
    columns: Names,
    referenced_schema: Type.String(),
    referenced_table: Type.String(),
    referenced_columns: Names,
    on_update: Type.String(),
    on_delete: Type.String(),
    definition: Type.String(),
  })),
  unique_constraints: Type.Array(Constraint),
  check_constraints: Type.Array(Constraint),
  indexes: Type.Array(Type.Object({
    name: Type.String(),
    columns: Names,
    is_unique: Type.Boolean(),
    is_primary: Type.Boolean(),
    method: Type.String(),
    predicate: NullableString,
    size_bytes: Type.Number(),
    definition: Type.String(),
  })),
  triggers: Type.Array(Type.Object({
    name: Type.String(),
    timing: Type.String(),
    events: Names,
    level: Type.String(),
    function: Type.String(),
    enabled: Type.Boolean(),
    definition: Type.String(),
  })),
  policies: Type.Array(Type.Object({
    name: Type.String(),
    command: Type.String(),
    permissive: Type.Boolean(),
    roles: Names,
    using: NullableString,
    with_check: NullableString,
  })),
});

export const SchemaResponse = Type.Object({
  database: Type.String(),
  schemas: Type.Array(Type.Object({ name: Type.String(), table_count: Type.Integer() })),
  tables: Type.Array(TableInfoSchema),
  enums: Type.Array(Type.Object({ schema: Type.String(), name: Type.String(), values: Names })),
});
