// What a developer needs to connect an app: API URL, Postgres connection string, keys.
import type { FastifyInstance } from 'fastify';

export default async function connectRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  app.get('/api/connect', { config: { access: 'dashboard' } }, async (request) => {
    const apiUrl = `${request.protocol}://${request.headers.host}`;
    const database = ctx.databases.activeDatabaseName;
    const keys = (await ctx.keys.list()).filter((k) => !k.revoked);
    return {
      api_url: apiUrl,
      rest_url: `${apiUrl}/v1/db`,
      realtime_url: `${apiUrl.replace(/^http/, 'ws')}/realtime`,
      postgres: {
        embedded: ctx.postgres.embedded,
        host: ctx.postgres.host,
        port: ctx.postgres.port,
        user: ctx.postgres.user,
        database,
        url: ctx.postgres.url(database),
      },
      keys: keys.map((k) => ({ id: k.id, key_type: k.key_type, key_prefix: k.key_prefix, label: k.label })),
      initial_secrets: ctx.initialSecrets ?? null,
    };
  });
}
