// /api/storage/*: the dashboard's Storage page. Runs as the service (the dashboard administers every bucket), in
// Trestle's error shape, with each change written to the audit log after it commits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { actorOf } from '../../plugins/auth.js';
import { SERVICE } from '../../storage/caller.js';
import { mustBeValidKey } from '../../storage/limits.js';
import { policyCoverage } from '../../storage/policy-hints.js';
import type { StorageService } from '../../storage/service.js';
import {
  BrowseQuery, BrowseResponse, BucketObjectParams, BucketParams, CreateBucketBody, DashboardBucketList, PathsBody, RenameBody, SignedUrlBody, UpdateBucketBody,
} from './schemas.js';
import { sendObject } from './send-object.js';
import { acceptAnyBody, receiveUpload } from './upload-routes.js';

type ObjectPathParams = Static<typeof BucketObjectParams>;

export async function dashboardRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  const ctx = app.trestle;
  const { buckets, objects, sweeper } = storage;
  const audit = (request: FastifyRequest, action: string, resourceId: string, detail?: unknown) =>
    ctx.audit.record({ actor: actorOf(request.auth), requestId: request.id, action, resourceType: 'storage', resourceId, detail });
  const bucketOf = (request: FastifyRequest) => (request.params as Static<typeof BucketParams>).bucketId;

  app.get('/api/storage/buckets', { config: { access: 'dashboard' }, schema: { response: { 200: DashboardBucketList } } }, async () => {
    const list = await storage.bucketsWithUsage();
    const coverage = await policyCoverage(ctx.databases.active, list.map((b) => b.id));
    return { buckets: list.map((b) => ({ ...b, policies: coverage.get(b.id)! })) };
  });

  app.post('/api/storage/buckets', { config: { access: 'dashboard' }, schema: { body: CreateBucketBody } }, async (request, reply) => {
    const bucket = await buckets.lookup(await buckets.create(SERVICE, request.body as Static<typeof CreateBucketBody>));
    await audit(request, 'storage.bucket.create', bucket.id, { public: bucket.public });
    return reply.code(201).send({ bucket });
  });

  app.patch('/api/storage/buckets/:bucketId', { config: { access: 'dashboard' }, schema: { params: BucketParams, body: UpdateBucketBody } }, async (request) => {
    const bucket = await buckets.update(SERVICE, bucketOf(request), request.body as Static<typeof UpdateBucketBody>);
    await audit(request, 'storage.bucket.update', bucket.id, request.body);
    return { bucket };
  });

  app.post('/api/storage/buckets/:bucketId/empty', { config: { access: 'dashboard' }, schema: { params: BucketParams } }, async (request) => {
    const deleted = await buckets.empty(SERVICE, bucketOf(request));
    sweeper.schedule();
    await audit(request, 'storage.bucket.empty', bucketOf(request), { objects: deleted });
    return { message: 'Successfully emptied', deleted };
  });

  app.delete('/api/storage/buckets/:bucketId', { config: { access: 'dashboard' }, schema: { params: BucketParams } }, async (request) => {
    await buckets.delete(SERVICE, bucketOf(request));
    await audit(request, 'storage.bucket.delete', bucketOf(request));
    return { message: 'Successfully deleted' };
  });

  app.get('/api/storage/buckets/:bucketId/entries', {
    config: { access: 'dashboard' }, schema: { params: BucketParams, querystring: BrowseQuery, response: { 200: BrowseResponse } },
  }, async (request) => {
    const q = request.query as Static<typeof BrowseQuery>;
    await buckets.lookup(bucketOf(request));
    const entries = await objects.list(SERVICE, bucketOf(request), { prefix: q.prefix, search: q.search, limit: q.limit ?? 500, offset: q.offset });
    return { entries };
  });

  app.get('/api/storage/buckets/:bucketId/objects/*', { config: { access: 'dashboard' }, schema: { params: BucketObjectParams } }, async (request, reply) => {
    const params = request.params as ObjectPathParams;
    const row = await objects.find(SERVICE, params.bucketId, params['*']);
    return sendObject(request, reply, storage, row, { download: (request.query as { download?: string }).download });
  });

  await app.register(async (uploads) => {
    await acceptAnyBody(uploads);
    uploads.post('/api/storage/buckets/:bucketId/objects/*', { config: { access: 'dashboard' }, schema: { params: BucketObjectParams } }, async (request) => {
      const params = request.params as ObjectPathParams;
      const stored = await receiveUpload(storage, request, {
        caller: SERVICE, bucketId: params.bucketId, name: params['*'], upsert: request.headers['x-upsert'] === 'true', ownerSub: '',
      });
      await audit(request, 'storage.object.upload', stored.key);
      return { Id: stored.id, Key: stored.key };
    });
  });

  app.delete('/api/storage/buckets/:bucketId/objects', { config: { access: 'dashboard' }, schema: { params: BucketParams, body: PathsBody } }, async (request) => {
    const { paths } = request.body as Static<typeof PathsBody>;
    let deleted = 0;
    for (const path of paths) {
      // A path ending in / is a folder of the browser: everything under it goes.
      if (path.endsWith('/')) deleted += await objects.removeUnder(SERVICE, bucketOf(request), path);
      else deleted += (await objects.remove(SERVICE, bucketOf(request), [path])).length;
    }
    sweeper.schedule();
    await audit(request, 'storage.object.delete', bucketOf(request), { paths, deleted });
    return { deleted };
  });

  app.post('/api/storage/buckets/:bucketId/move', { config: { access: 'dashboard' }, schema: { params: BucketParams, body: RenameBody } }, async (request) => {
    const { from, to } = request.body as Static<typeof RenameBody>;
    mustBeValidKey(to);
    const moved = await objects.move(SERVICE, { bucketId: bucketOf(request), sourceKey: from, destinationKey: to });
    await audit(request, 'storage.object.move', `${bucketOf(request)}/${from}`, { to });
    return { Key: `${moved.bucketId}/${moved.name}` };
  });

  app.post('/api/storage/buckets/:bucketId/signed-url', { config: { access: 'dashboard' }, schema: { params: BucketParams, body: SignedUrlBody } }, async (request) => {
    const { path, expiresIn } = request.body as Static<typeof SignedUrlBody>;
    await objects.find(SERVICE, bucketOf(request), path);
    const url = `${bucketOf(request)}/${path}`;
    const token = await storage.signer.signDownload(url, expiresIn);
    return { signedUrl: `/storage/v1/object/sign/${url.split('/').map(encodeURIComponent).join('/')}?token=${token}` };
  });
}
