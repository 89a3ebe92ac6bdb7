// The storage module: Supabase Storage's API under /storage/v1, GET /v1/storage/buckets, and the dashboard's
// /api/storage. Owns the storage services' lifetime (start-up cleanup and sweep, shutdown).
import type { FastifyInstance } from 'fastify';
import { storageService } from '../../storage/service.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { managementRoutes } from './management-routes.js';
import { storageApi } from './storage-api.js';
import { startBeforeReady } from '../module-start.js';

export default async function storageRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const storage = storageService(ctx);
  startBeforeReady(app, storage.start());
  ctx.onShutdown(() => storage.stop());

  await app.register(managementRoutes, { storage });
  await app.register(dashboardRoutes, { storage });
  await app.register(storageApi, { prefix: '/storage/v1', storage });
}
