// GET /v1/storage/buckets (service_role): every bucket with its object count and total bytes.
import type { FastifyInstance } from 'fastify';
import type { StorageService } from '../../storage/service.js';
import { BucketUsageList } from './schemas.js';

export async function managementRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  app.get('/v1/storage/buckets', { config: { access: 'service_role' }, schema: { response: { 200: BucketUsageList } } },
    async () => ({ buckets: await storage.bucketsWithUsage() }));
}
