// Signed URLs: created as the caller (only for objects it can read, or, for uploads, where its write would pass), used
// without credentials. createSignedUrl(s) → POST /object/sign/…; the URL → GET /object/sign/…?token=…;
// createSignedUploadUrl → POST /object/upload/sign/…; uploadToSignedUrl → PUT (upload-routes).
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { StorageErrors } from '../../storage/errors.js';
import type { StorageService } from '../../storage/service.js';
import { callerOf } from './client-caller.js';
import { BucketNameParams, ObjectParams, SignBody, SignManyBody, TokenQuery } from './schemas.js';
import { sendObject } from './send-object.js';

const client = (operation: string) => ({ access: 'client' as const, operation: `storage.object.${operation}` });

export async function signRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  const { objects, signer } = storage;
  // Relative to /storage/v1 and not encoded: storage-js prefixes its base URL and encodeURI()s the whole.
  const downloadUrl = async (url: string, expiresIn: number) => `/object/sign/${url}?token=${await signer.signDownload(url, expiresIn)}`;

  app.post('/object/sign/:bucketName/*', { config: client('sign'), schema: { params: ObjectParams, body: SignBody } }, async (request) => {
    const params = request.params as ObjectParams;
    const body = request.body as Static<typeof SignBody>;
    if (body.transform && typeof body.transform === 'object' && Object.keys(body.transform).length) throw StorageErrors.notSupported('Image transformation');
    await objects.find(callerOf(request), params.bucketName, params['*'], body.versionId);
    return { signedURL: await downloadUrl(`${params.bucketName}/${params['*']}`, body.expiresIn) };
  });

  app.post('/object/sign/:bucketName', { config: client('sign_many'), schema: { params: BucketNameParams, body: SignManyBody } }, async (request) => {
    const { bucketName } = request.params as Static<typeof BucketNameParams>;
    const { paths, expiresIn } = request.body as Static<typeof SignManyBody>;
    const visible = await objects.visibleNames(callerOf(request), bucketName, paths);
    return Promise.all(paths.map(async (path) => visible.has(path)
      ? { error: null, path, signedURL: await downloadUrl(`${bucketName}/${path}`, expiresIn) }
      : { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null }));
  });

  app.get('/object/sign/:bucketName/*', {
    config: { access: 'public', cors: true }, schema: { params: ObjectParams, querystring: TokenQuery },
  }, async (request, reply) => {
    const params = request.params as ObjectParams;
    const { token, download } = request.query as Static<typeof TokenQuery>;
    const signed = await signer.verifyDownload(token, `${params.bucketName}/${params['*']}`);
    const row = await storage.objectForDownload({ kind: 'signed' }, params.bucketName, params['*']);
    return sendObject(request, reply, storage, row, { download, expires: new Date(signed.exp * 1000) });
  });

  app.post('/object/upload/sign/:bucketName/*', { config: client('sign_upload_url'), schema: { params: ObjectParams } }, async (request) => {
    const params = request.params as ObjectParams;
    const caller = callerOf(request);
    const upsert = request.headers['x-upsert'] === 'true';
    await storage.uploads.prepare({ caller, bucketId: params.bucketName, name: params['*'], upsert, ownerSub: caller.sub });
    const url = `${params.bucketName}/${params['*']}`;
    const token = await signer.signUpload(url, caller.sub, upsert);
    return { url: `/object/upload/sign/${url}?token=${token}`, token };
  });
}
