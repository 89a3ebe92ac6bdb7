// Request and response schemas of the client data API's SQL endpoints (/v1/db is schemaless: PostgREST grammar).
import { Type } from '@sinclair/typebox';

const Params = Type.Array(Type.Unknown(), { maxItems: 10_000 });

export const SqlBody = Type.Object({
  sql: Type.String({ minLength: 1, maxLength: 1_000_000 }),
  params: Type.Optional(Params),
  row_limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000 })),
}, { additionalProperties: false });

export const SqlTransactionBody = Type.Object({
  statements: Type.Array(Type.Object({
    sql: Type.String({ minLength: 1, maxLength: 1_000_000 }),
    params: Type.Optional(Params),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }),
  row_limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000 })),
}, { additionalProperties: false });

const Column = Type.Object({ name: Type.String(), dataTypeID: Type.Integer(), typeName: Type.String() });

export const SqlResultSchema = Type.Object({
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  rowCount: Type.Integer(),
  columns: Type.Array(Column),
  command: Type.String(),
  truncated: Type.Boolean(),
});

export const SqlTransactionResult = Type.Object({ results: Type.Array(SqlResultSchema) });
