// GET /api/sql/tables, /table-details, /erd, /completions: what exists in the active database.
import type { FastifyInstance } from 'fastify';
import { columnTypes, completions, erd, listTables, tableDetails } from '../../studio/catalog.js';
import { ErdQuery, TableQuery, TablesQuery, TablesResponse, TypesResponse } from './schemas.js';

export default async function catalogRoutes(app: FastifyInstance) {
  const ctx = app.trestle;

  app.get('/api/sql/tables', { config: { access: 'dashboard' }, schema: { querystring: TablesQuery, response: { 200: TablesResponse } } }, async (request) => {
    const { search } = request.query as { search?: string };
    return listTables(ctx.databases.active, ctx.config.dbSchemas, search || undefined);
  });

  app.get('/api/sql/table-details', { config: { access: 'dashboard' }, schema: { querystring: TableQuery } }, async (request) => {
    const { schema, table } = request.query as { schema: string; table: string };
    return tableDetails(ctx.databases.active, schema, table, ctx.config.dbSchemas);
  });

  app.get('/api/sql/erd', { config: { access: 'dashboard' }, schema: { querystring: ErdQuery } }, async (request) => {
    const { schema } = request.query as { schema?: string };
    return erd(ctx.databases.active, schema);
  });

  app.get('/api/sql/completions', { config: { access: 'dashboard' } }, async () => completions(ctx.databases.active));

  app.get('/api/sql/types', { config: { access: 'dashboard' }, schema: { response: { 200: TypesResponse } } }, async () => columnTypes(ctx.databases.active));
}
