// Request and response schemas of the TypeScript types routes.
import { Type } from '@sinclair/typebox';

export const TypesQuery = Type.Object({
  included_schemas: Type.Optional(Type.String({ maxLength: 2000, description: 'Comma-separated schemas (default public); trestle is never included' })),
});

export const TypesResponse = Type.Object({ types: Type.String({ description: 'A TypeScript module exporting Database (and Tables, Enums, … helpers)' }) });

export const DashboardTypesResponse = Type.Object({
  types: Type.String(),
  schemas: Type.Array(Type.String()),
  database: Type.String(),
});

const WriteResult = Type.Object({ file: Type.String(), bytes: Type.Integer(), changed: Type.Boolean(), written_at: Type.String() });

export const TypesSettingsResponse = Type.Object({
  file: Type.Union([Type.String(), Type.Null()]),
  schemas: Type.Array(Type.String()),
  write_on_change: Type.Boolean(),
  last_write: Type.Union([WriteResult, Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
});

export const TypesSettingsBody = Type.Object({
  file: Type.Optional(Type.Union([Type.String({ maxLength: 4096 }), Type.Null()])),
  schemas: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { maxItems: 100 })),
  write_on_change: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

export const WriteResponse = WriteResult;
