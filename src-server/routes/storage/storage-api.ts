// /storage/v1: Supabase Storage's wire protocol for @supabase/storage-js (and tus-js-client). Its own error handler
// and 404s speak Storage's error shape; the caller of client routes is resolved before anything else runs.
import type { FastifyInstance } from 'fastify';
import { StorageErrors, toStorageError } from '../../storage/errors.js';
import type { StorageService } from '../../storage/service.js';
import { bucketRoutes } from './bucket-routes.js';
import { resolveCaller } from './client-caller.js';
import { downloadRoutes } from './download-routes.js';
import { extraRoutes } from './extra-routes.js';
import { objectRoutes } from './object-routes.js';
import { signRoutes } from './sign-routes.js';
import { tusRoutes } from './tus-routes.js';
import { uploadRoutes } from './upload-routes.js';

export async function storageApi(app: FastifyInstance, { storage }: { storage: StorageService }) {
  // Not the registration options themselves: they carry the prefix, which must not apply twice.
  const opts = { storage };
  app.decorateRequest('storageCaller', undefined);

  app.setErrorHandler((err, request, reply) => {
    const se = toStorageError(err);
    if (se.statusCode >= 500 && se.statusCode !== 501 && se.statusCode !== 503) request.log.error({ err }, 'storage request failed');
    else request.log.info({ code: se.code, status: se.statusCode }, se.message);
    return reply.code(se.wireStatus).headers(se.headers).send(se.render());
  });
  app.setNotFoundHandler((request, reply) => {
    const se = StorageErrors.routeNotFound(request.method, request.url.split('?')[0]);
    return reply.code(se.wireStatus).send(se.render());
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config?.access === 'client') request.storageCaller = { ...resolveCaller(request), operation: config.operation };
  });

  await app.register(bucketRoutes, opts);
  await app.register(downloadRoutes, opts);
  await app.register(uploadRoutes, opts);
  await app.register(signRoutes, opts);
  await app.register(objectRoutes, opts);
  await app.register(tusRoutes, opts);
  await app.register(extraRoutes);
}
