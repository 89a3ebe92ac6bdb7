// TypeScript types of the active database for supabase-js: GET /v1/types/typescript (management API, Supabase's
// shape) and the dashboard's /api/types (preview, settings, write to the developer's file).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { generateTypes, parseSchemas } from '../../typegen/generate.js';
import { readTypesSettings, updateTypesSettings, type TypesSettings } from '../../typegen/settings.js';
import { TypesWriter } from '../../typegen/writer.js';
import { DashboardTypesResponse, TypesQuery, TypesResponse, TypesSettingsBody, TypesSettingsResponse, WriteResponse } from './schemas.js';

export default async function typegenRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const writer = new TypesWriter(ctx);
  await writer.start();
  const schemasOf = (request: FastifyRequest) => parseSchemas((request.query as { included_schemas?: string }).included_schemas);
  const settingsBody = async () => ({ ...(await readTypesSettings(ctx.settings)), last_write: writer.last, last_error: writer.lastError });

  app.get('/v1/types/typescript', { config: { access: 'service_role' }, schema: { querystring: TypesQuery, response: { 200: TypesResponse } } },
    async (request) => ({ types: await generateTypes(ctx.databases.active, schemasOf(request)) }));

  app.get('/api/types/typescript', { config: { access: 'dashboard' }, schema: { querystring: TypesQuery, response: { 200: DashboardTypesResponse } } },
    async (request) => {
      const schemas = schemasOf(request);
      return { types: await generateTypes(ctx.databases.active, schemas), schemas, database: ctx.databases.activeDatabaseName };
    });

  app.get('/api/types/settings', { config: { access: 'dashboard' }, schema: { response: { 200: TypesSettingsResponse } } }, settingsBody);

  app.patch('/api/types/settings', { config: { access: 'dashboard' }, schema: { body: TypesSettingsBody, response: { 200: TypesSettingsResponse } } },
    async (request) => {
      const next = await updateTypesSettings(ctx.settings, request.body as Partial<TypesSettings>);
      await ctx.audit.record({ actor: actorOf(request.auth), requestId: request.id, action: 'types.settings', resourceType: 'settings', resourceId: 'types', detail: next });
      if (next.write_on_change && next.file) await writer.write(next.file, next.schemas);
      return settingsBody();
    });

  app.post('/api/types/write', { config: { access: 'dashboard' }, schema: { response: { 200: WriteResponse } } }, async (request) => {
    const settings = await readTypesSettings(ctx.settings);
    if (!settings.file) throw new ApiError(400, 'TYPES_FILE_NOT_SET', 'No file to write the types to', { hint: 'Set file with PATCH /api/types/settings' });
    const result = await writer.write(settings.file, settings.schemas);
    await ctx.audit.record({ actor: actorOf(request.auth), requestId: request.id, action: 'types.write', resourceType: 'file', resourceId: settings.file, detail: result });
    return result;
  });
}
