// Truss management API: GET /v1/auth/identities (paged users with identities) and /v1/auth/identities/:id.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { getAccount, listAccounts } from '../../auth/directory.js';
import type { AuthModule } from '../../auth/module.js';
import { ApiError } from '../../errors.js';
import { AccountList, AccountSummary } from './dashboard-schemas.js';

export const IdentitiesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  search: Type.Optional(Type.String({ maxLength: 256 })),
});

export function identitiesRoutes(app: FastifyInstance, mod: AuthModule) {
  const config = { access: 'service_role' as const };
  app.get('/v1/auth/identities', { config, schema: { querystring: IdentitiesQuery, response: { 200: AccountList } } }, async (request) => {
    const q = request.query as Static<typeof IdentitiesQuery>;
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { users, total } = await mod.db.transaction((tx) => listAccounts(tx, { limit, offset, search: q.search }));
    return { identities: users, total, limit, offset };
  });
  app.get('/v1/auth/identities/:id', { config, schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: AccountSummary } } }, async (request) => {
    const account = await mod.db.transaction((tx) => getAccount(tx, (request.params as { id: string }).id));
    if (!account) throw new ApiError(404, 'NOT_FOUND', 'No user with this id', { hint: 'List users with GET /v1/auth/identities' });
    return account;
  });
}
