// Uploads: POST /object/{bucket}/{path} (x-upsert), PUT (update = upsert), and PUT to a signed upload URL. Bodies
// of any type reach the handler unread (multipart is read by @fastify/multipart, everything else streams raw).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import { SERVICE } from '../../storage/caller.js';
import type { StorageService } from '../../storage/service.js';
import type { UploadTarget } from '../../storage/uploads.js';
import { callerOf } from './client-caller.js';
import { ObjectParams, TokenQuery } from './schemas.js';
import { declaredLength, incomingFile, isMultipart, rawDetails } from './upload-body.js';

const client = (operation: string) => ({ access: 'client' as const, operation: `storage.object.${operation}` });

/** The body stays unread until the checks that can refuse it without reading it have passed. */
export async function receiveUpload(storage: StorageService, request: FastifyRequest, target: UploadTarget) {
  const known = isMultipart(request) ? {} : { mimetype: rawDetails(request).mimetype, size: declaredLength(request) };
  const bucket = await storage.uploads.prepare(target, known);
  return storage.uploads.store(target, bucket, await incomingFile(request));
}

/** Registers the parsers upload routes need in the current (encapsulated) context. */
export async function acceptAnyBody(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10 } });
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
}

export async function uploadRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  await acceptAnyBody(app);

  const target = (request: FastifyRequest, upsert: boolean): UploadTarget => {
    const params = request.params as ObjectParams;
    const caller = callerOf(request);
    return { caller, bucketId: params.bucketName, name: params['*'], upsert, ownerSub: caller.sub };
  };

  app.post('/object/:bucketName/*', { config: client('upload'), schema: { params: ObjectParams } }, async (request) => {
    const stored = await receiveUpload(storage, request, target(request, request.headers['x-upsert'] === 'true'));
    return { Id: stored.id, Key: stored.key };
  });

  app.put('/object/:bucketName/*', { config: client('upload_update'), schema: { params: ObjectParams } }, async (request) => {
    const stored = await receiveUpload(storage, request, target(request, true));
    return { Id: stored.id, Key: stored.key };
  });

  // The token carries the owner and whether to overwrite; the write runs as the service, as on Supabase.
  app.put('/object/upload/sign/:bucketName/*', {
    config: { access: 'public', cors: true }, schema: { params: ObjectParams, querystring: TokenQuery },
  }, async (request) => {
    const params = request.params as ObjectParams;
    const { token } = request.query as Static<typeof TokenQuery>;
    const signed = await storage.signer.verifyUpload(token, `${params.bucketName}/${params['*']}`);
    const stored = await receiveUpload(storage, request, {
      caller: SERVICE, bucketId: params.bucketName, name: params['*'], upsert: signed.upsert, ownerSub: signed.owner,
    });
    return { Id: stored.id, Key: stored.key };
  });
}
