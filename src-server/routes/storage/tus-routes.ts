// /storage/v1/upload/resumable: TUS 1.0 for tus-js-client and Uppy, handled by @tus/server (see storage/tus-uploads.ts).
// The signed variant (/upload/resumable/sign, x-signature = a createSignedUploadUrl token) needs no other credential.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HTTPMethods } from 'fastify';
import { SERVICE } from '../../storage/caller.js';
import { StorageErrors } from '../../storage/errors.js';
import type { StorageService } from '../../storage/service.js';
import type { TusRequestContext } from '../../storage/tus-uploads.js';
import { callerOf } from './client-caller.js';

const METHODS: HTTPMethods[] = ['POST', 'PATCH', 'HEAD', 'DELETE'];

export async function tusRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const handle = (context: (request: FastifyRequest) => TusRequestContext) => async (request: FastifyRequest, reply: FastifyReply) => {
    const tusContext = context(request);
    reply.hijack();
    try {
      await (await storage.tus()).handle(request.raw, reply.raw, tusContext);
    } catch (err) {
      request.log.error({ err }, 'storage: TUS request failed');
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain' });
      reply.raw.end('Internal server error');
    }
  };

  const authenticated = handle((request) => ({ caller: callerOf(request), upsert: request.headers['x-upsert'] === 'true' }));
  const signed = handle((request) => {
    const header = request.headers['x-signature'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw StorageErrors.invalidSignature('Missing x-signature header');
    return {
      caller: SERVICE, upsert: false,
      verifySigned: async (bucketId, objectName) => storage.signer.verifyUpload(token, `${bucketId}/${objectName}`),
    };
  });

  app.route({ method: 'POST', url: '/upload/resumable', config: { access: 'client', operation: 'storage.tus.upload.create' }, handler: authenticated });
  app.route({ method: METHODS, url: '/upload/resumable/:uploadId', config: { access: 'client', operation: 'storage.tus.upload.part' }, handler: authenticated });
  app.route({ method: 'POST', url: '/upload/resumable/sign', config: { access: 'public', cors: true }, handler: signed });
  app.route({ method: METHODS, url: '/upload/resumable/sign/:uploadId', config: { access: 'public', cors: true }, handler: signed });
}
