// /storage/v1/bucket: storage-js's StorageBucketApi. Bucket rows are read and changed as the caller (RLS on buckets).
import type { FastifyInstance } from 'fastify';
import type { ListBucketsOptions } from '../../storage/buckets.js';
import { StorageErrors } from '../../storage/errors.js';
import type { StorageService } from '../../storage/service.js';
import { callerOf } from './client-caller.js';
import { BucketParams, CreateBucketBody, ListBucketsQuery, UpdateBucketBody } from './schemas.js';
import type { Static } from '@sinclair/typebox';

const client = (operation: string) => ({ access: 'client' as const, operation: `storage.bucket.${operation}` });

export async function bucketRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  const { buckets } = storage;

  app.get('/bucket', { config: client('list'), schema: { querystring: ListBucketsQuery } }, async (request) =>
    buckets.list(callerOf(request), request.query as ListBucketsOptions));

  app.get('/bucket/:bucketId', { config: client('get'), schema: { params: BucketParams } }, async (request) =>
    buckets.get(callerOf(request), (request.params as Static<typeof BucketParams>).bucketId));

  app.post('/bucket', { config: client('create'), schema: { body: CreateBucketBody } }, async (request) => {
    const body = request.body as Static<typeof CreateBucketBody>;
    await buckets.create(callerOf(request), body);
    return { name: body.name };
  });

  app.put('/bucket/:bucketId', { config: client('update'), schema: { params: BucketParams, body: UpdateBucketBody } }, async (request) => {
    await buckets.update(callerOf(request), (request.params as Static<typeof BucketParams>).bucketId, request.body as Static<typeof UpdateBucketBody>);
    return { message: 'Successfully updated' };
  });

  app.post('/bucket/:bucketId/empty', { config: client('empty'), schema: { params: BucketParams } }, async (request) => {
    const deleted = await buckets.empty(callerOf(request), (request.params as Static<typeof BucketParams>).bucketId);
    if (deleted) storage.sweeper.schedule();
    return { message: 'Successfully emptied' };
  });

  app.delete('/bucket/:bucketId', { config: client('delete'), schema: { params: BucketParams } }, async (request) => {
    await buckets.delete(callerOf(request), (request.params as Static<typeof BucketParams>).bucketId);
    return { message: 'Successfully deleted' };
  });

  // Bucket lifecycle rules delete or archive objects on a schedule in Supabase's cloud; a local store has none.
  for (const method of ['GET', 'PUT', 'DELETE'] as const) {
    app.route({
      method, url: '/bucket/:bucketId/lifecycle', config: client('lifecycle'), schema: { params: BucketParams },
      handler: async () => {
        throw StorageErrors.notSupported('Bucket lifecycle configuration');
      },
    });
  }
}
