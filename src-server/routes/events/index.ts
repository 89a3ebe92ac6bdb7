// GET /api/events: what the open dashboard must refresh, pushed as server-sent events. `schema` when DDL commits in
// the active database (the event trigger's NOTIFY trestle_schema: console, /v1/sql, migrations, psql alike) and
// `database` when another database (a branch) becomes the active one.
import type { FastifyInstance } from 'fastify';
import { SseStreams, type SseStream } from '../../services/sse.js';

export default async function eventsRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const streams = new SseStreams();
  const clients = new Set<SseStream>();
  const broadcast = (event: string, data: unknown) => clients.forEach((c) => c.send(event, data));

  const unlisten = await ctx.activeListener.listen('trestle_schema', () => broadcast('schema', { at: new Date().toISOString() }));
  const offActive = ctx.databases.onActiveChange((name) => broadcast('database', { database: name }));
  // After a reconnect notifications may have been missed: have the dashboards refresh anyway.
  const offConnect = ctx.activeListener.onConnect(() => broadcast('schema', { at: new Date().toISOString(), reconnected: true }));
  app.addHook('preClose', async () => streams.closeAll());
  app.addHook('onClose', async () => {
    unlisten();
    offActive();
    offConnect();
  });

  app.get('/api/events', { config: { access: 'dashboard' }, schema: { description: 'Server-sent events (text/event-stream): schema, when DDL commits in the active database; database, when another database becomes active' } }, async (request, reply) => {
    const client = streams.start(request, reply, () => clients.delete(client));
    clients.add(client);
    client.send('hello', { database: ctx.databases.activeDatabaseName });
    return reply;
  });
}
