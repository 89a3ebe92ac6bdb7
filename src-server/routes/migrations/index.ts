// Migrations: the history and the migrations folder of the active database (/v1/database/migrations, /api/migrations),
// and branch → main (/v1|/api/branches/:id/diff, /promote, /seed).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, type Access } from '../../plugins/auth.js';
import { migrationErrors } from '../../migrations/errors.js';
import { defaultMigrationName, MigrationService } from '../../migrations/service.js';
import type { BranchDiff } from '../../migrations/promote.js';
import {
  ApplyFolderBody, ApplyFolderResponse, ApplyMigrationBody, ApplyMigrationResponse, AppliedMigrationSchema, BranchParams, DiffQuery, DiffResponse,
  OverviewSchema, PromoteBody, PromoteResponse, SeedResponse, SettingsBody,
} from './schemas.js';
import { Type } from '@sinclair/typebox';

type ApplyBody = { name?: string; query?: string; sql?: string; version?: string; checksum?: string };
type PromoteBodyType = { name: string; confirm_destructive?: boolean; checksum?: string; included_schemas?: string[] };

const schemaList = (raw: string | undefined) => raw?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;

function diffBody(d: BranchDiff) {
  return {
    sql: d.sql, statements: d.statements, checksum: d.checksum, destructive: d.destructive, warnings: d.warnings,
    branch: { id: d.branch.id, label: d.branch.label, database_name: d.branch.database_name }, main_database: d.main_database,
  };
}

export default async function migrationsRoutes(app: FastifyInstance) {
  const service = new MigrationService(app.trestle);
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
  const management = { access: 'service_role' as Access };
  const dashboard = { access: 'dashboard' as Access };

  app.get('/v1/database/migrations', { config: management, schema: { response: { 200: Type.Array(AppliedMigrationSchema) } } }, () => service.list());

  const apply = async (request: FastifyRequest) => {
    const body = request.body as ApplyBody;
    const sql = body.query ?? body.sql;
    if (sql === undefined) throw migrationErrors.missingSql();
    const { migration, applied } = await service.apply(
      { name: body.name ?? defaultMigrationName(sql), sql, version: body.version, checksum: body.checksum }, who(request));
    return { ...migration, applied };
  };
  for (const [url, config] of [['/v1/database/migrations', management], ['/api/migrations', dashboard]] as const) {
    app.post(url, { config, schema: { body: ApplyMigrationBody, response: { 200: ApplyMigrationResponse } } }, apply);
  }

  const overview = () => service.overview();
  const applyFolder = (request: FastifyRequest) => service.applyFolder((request.body as { versions?: string[] } | null)?.versions, who(request));
  for (const [base, config] of [['/v1/database/migrations', management], ['/api/migrations', dashboard]] as const) {
    const statusUrl = base === '/api/migrations' ? base : `${base}/status`;
    app.get(statusUrl, { config, schema: { response: { 200: OverviewSchema } } }, overview);
    app.post(`${base}/apply`, { config, schema: { body: ApplyFolderBody, response: { 200: ApplyFolderResponse } } }, applyFolder);
    app.get(`${base}/settings`, { config, schema: { response: { 200: OverviewSchema } } }, overview);
    app.patch(`${base}/settings`, { config, schema: { body: SettingsBody, response: { 200: OverviewSchema } } },
      (request) => service.updateSettings(request.body as { migrations_dir?: string | null; seed_file?: string | null }, who(request)));
  }

  for (const [base, config] of [['/v1/branches', management], ['/api/branches', dashboard]] as const) {
    app.get(`${base}/:id/diff`, { config, schema: { params: BranchParams, querystring: DiffQuery, response: { 200: DiffResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      return diffBody(await service.diff(id, schemaList((request.query as { included_schemas?: string }).included_schemas)));
    });
    app.post(`${base}/:id/promote`, { config, schema: { params: BranchParams, body: PromoteBody, response: { 200: PromoteResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as PromoteBodyType;
      return service.promote(id, {
        name: body.name, confirmDestructive: body.confirm_destructive, checksum: body.checksum?.toLowerCase(), includedSchemas: body.included_schemas ?? null,
      }, who(request));
    });
    app.post(`${base}/:id/seed`, { config, schema: { params: BranchParams, response: { 200: SeedResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      return service.seed(id, who(request));
    });
  }
}
