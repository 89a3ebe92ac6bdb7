// API keys, served at /api/keys (dashboard) and /v1/keys (management API) by the same handlers.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { ApiError } from '../../errors.js';
import { audited } from '../../services/audit.js';
import type { ApiKey, CreatedKey, KeyType } from '../../services/keys.js';
import type { Access } from '../../plugins/auth.js';
import { CreateKeyBody, CreatedKeyResponse, KeyIdParams, KeyList, KeyResponse, RotatedKeyResponse, UpdateKeyBody } from './schemas.js';

type CreateBody = { keyType?: KeyType; key_type?: KeyType; label?: string; rate_limit?: number | null };

export default async function keysRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const db = ctx.databases.control;
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });

  for (const base of ['/api/keys', '/v1/keys']) {
    const config: { access: Access } = { access: base.startsWith('/v1') ? 'service_role' : 'dashboard' };

    app.get(base, { config, schema: { response: { 200: KeyList } } }, async () => ({ keys: await ctx.keys.list() }));

    app.post(base, { config, schema: { body: CreateKeyBody, response: { 201: CreatedKeyResponse } } }, async (request, reply) => {
      const body = (request.body ?? {}) as CreateBody;
      const keyType = body.keyType ?? body.key_type;
      if (!keyType) throw new ApiError(400, 'VALIDATION_ERROR', 'keyType (or key_type) is required: "anon" or "service_role"');
      const created = await audited(db, ctx.audit, who(request),
        (c: CreatedKey) => ({ action: 'key.create', resourceType: 'api_key', resourceId: c.key.id, detail: { key_type: keyType, label: c.key.label, key_prefix: c.key.key_prefix } }),
        (client) => ctx.keys.create({ keyType, label: body.label, rateLimit: body.rate_limit }, client));
      return reply.code(201).send(created);
    });

    app.delete(`${base}/:id`, { config, schema: { params: KeyIdParams, response: { 200: KeyResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      const key = await audited(db, ctx.audit, who(request),
        (k: ApiKey) => ({ action: 'key.revoke', resourceType: 'api_key', resourceId: k.id, detail: { key_prefix: k.key_prefix } }),
        (client) => ctx.keys.revoke(id, client));
      return { key };
    });

    app.post(`${base}/:id/rotate`, { config, schema: { params: KeyIdParams, response: { 200: RotatedKeyResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      const { oldKey, created } = await audited(db, ctx.audit, who(request),
        (r: { oldKey: ApiKey; created: CreatedKey }) => ({ action: 'key.rotate', resourceType: 'api_key', resourceId: r.oldKey.id, detail: { new_key_id: r.created.key.id, key_prefix: r.created.key.key_prefix } }),
        (client) => ctx.keys.rotate(id, client));
      return { old_key_id: oldKey.id, old_key_revoked: oldKey.revoked, new_key: created.key, secret: created.secret };
    });

    app.patch(`${base}/:id`, { config, schema: { params: KeyIdParams, body: UpdateKeyBody, response: { 200: KeyResponse } } }, async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as { label?: string; rate_limit?: number | null };
      const key = await audited(db, ctx.audit, who(request),
        () => ({ action: 'key.update', resourceType: 'api_key', resourceId: id, detail: body }),
        (client) => ctx.keys.update(id, { label: body.label, rateLimit: body.rate_limit }, client));
      return { key };
    });
  }
}
