// Realtime: Phoenix channels for supabase-js at /realtime/v1 (postgres_changes, broadcast, presence), Trestle's first
// protocol at /realtime, and the dashboard/management routes. One hub (one change source, one batched visibility
// check) serves both protocols; it lives as long as the server.
import type { FastifyInstance } from 'fastify';
import { RealtimeHub } from '../../realtime/hub.js';
import { broadcastRoutes } from './broadcast-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { RealtimeService } from './realtime-service.js';
import { socketRoutes } from './socket-routes.js';
import { startBeforeReady } from '../module-start.js';

export default async function realtimeRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const hub = new RealtimeHub(ctx);
  startBeforeReady(app, hub.start());
  ctx.onShutdown(() => hub.stop());

  socketRoutes(app, hub);
  broadcastRoutes(app, hub);
  dashboardRoutes(app, hub, new RealtimeService(ctx, hub));
}
