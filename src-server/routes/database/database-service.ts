// Schema introspection for the management API: which schemas to read, and 404s for unknown names.
import type { Database } from '../../db/database.js';
import { ApiError } from '../../errors.js';
import { describeTables, enumsIn, userSchemas } from '../../catalog/introspect.js';

async function checkedSchema(db: Database, schema: string, known?: string[]): Promise<void> {
  const schemas = known ?? await userSchemas(db);
  if (!schemas.includes(schema)) {
    throw new ApiError(404, 'SCHEMA_NOT_FOUND', `Schema "${schema}" does not exist or is not a user schema`, {
      detail: { schema, available: schemas }, hint: 'Postgres\' own schemas and Trestle\'s internal schema are not introspected',
    });
  }
}

export async function schemaOverview(db: Database, schema?: string) {
  const all = await userSchemas(db);
  if (schema !== undefined) await checkedSchema(db, schema, all);
  const schemas = schema !== undefined ? [schema] : all;
  const [tables, enums] = await Promise.all([describeTables(db, schemas), enumsIn(db, schemas)]);
  return {
    database: db.name,
    schemas: schemas.map((name) => ({ name, table_count: tables.filter((t) => t.schema === name).length })),
    tables,
    enums,
  };
}

export async function tableDetail(db: Database, schema: string, table: string) {
  await checkedSchema(db, schema);
  const [found] = await describeTables(db, [schema], table);
  if (!found) {
    throw new ApiError(404, 'TABLE_NOT_FOUND', `Table "${schema}"."${table}" does not exist`, { detail: { schema, table } });
  }
  return found;
}
