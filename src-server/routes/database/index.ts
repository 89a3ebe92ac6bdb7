// Schema introspection of the active database: /v1/database/schema and /v1/database/tables/:schema/:table.
import type { FastifyInstance } from 'fastify';
import { SchemaQuery, SchemaResponse, TableInfoSchema, TableParams } from './schemas.js';
import { schemaOverview, tableDetail } from './database-service.js';

export default async function databaseRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const config = { access: 'service_role' as const };

  app.get('/v1/database/schema', { config, schema: { querystring: SchemaQuery, response: { 200: SchemaResponse } } }, async (request) => {
    const { schema } = request.query as { schema?: string };
    return schemaOverview(ctx.databases.active, schema);
  });

  app.get('/v1/database/tables/:schema/:table', { config, schema: { params: TableParams, response: { 200: TableInfoSchema } } }, async (request) => {
    const { schema, table } = request.params as { schema: string; table: string };
    return tableDetail(ctx.databases.active, schema, table);
  });
}
