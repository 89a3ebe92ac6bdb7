// storage-js methods for hosted-only features: image transformations answer "not supported" (the original stays
// downloadable without `transform`); purging the CDN cache succeeds trivially, as nothing local is cached.
import type { FastifyInstance } from 'fastify';
import { StorageErrors } from '../../storage/errors.js';

export async function extraRoutes(app: FastifyInstance) {
  const transformations = async () => {
    throw StorageErrors.notSupported('Image transformation');
  };
  app.get('/render/image/authenticated/:bucketName/*', { config: { access: 'client', operation: 'storage.render.image_authenticated' } }, transformations);
  app.get('/render/image/public/:bucketName/*', { config: { access: 'public', cors: true } }, transformations);
  app.get('/render/image/sign/:bucketName/*', { config: { access: 'public', cors: true } }, transformations);

  app.delete('/cdn/*', { config: { access: 'client', operation: 'storage.object.purge_cache' } }, async () => ({ message: 'success' }));
}
