// Listing, moving, copying and removing objects, all as the caller: list() → POST /object/list/{bucket},
// listV2() → POST /object/list-v2/{bucket}, move()/copy() → POST /object/move|copy, remove() → DELETE /object/{bucket}.
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { mustBeValidKey } from '../../storage/limits.js';
import type { StorageService } from '../../storage/service.js';
import { callerOf } from './client-caller.js';
import { BucketNameParams, CopyBody, DeleteObjectsBody, ListBody, ListV2Body, MoveBody, ObjectParams } from './schemas.js';

const client = (operation: string) => ({ access: 'client' as const, operation: `storage.object.${operation}` });

export async function objectRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  const { objects, sweeper } = storage;

  app.post('/object/list/:bucketName', { config: client('list'), schema: { params: BucketNameParams, body: ListBody } }, async (request) =>
    objects.list(callerOf(request), (request.params as Static<typeof BucketNameParams>).bucketName, (request.body ?? {}) as Static<typeof ListBody>));

  app.post('/object/list-v2/:bucketName', { config: client('list_v2'), schema: { params: BucketNameParams, body: ListV2Body } }, async (request) =>
    objects.listV2(callerOf(request), (request.params as Static<typeof BucketNameParams>).bucketName, (request.body ?? {}) as Static<typeof ListV2Body>));

  app.post('/object/move', { config: client('move'), schema: { body: MoveBody } }, async (request) => {
    const body = request.body as Static<typeof MoveBody>;
    mustBeValidKey(body.destinationKey);
    const moved = await objects.move(callerOf(request), {
      ...body, destinationBucket: body.destinationBucket ?? undefined, sourceVersionId: body.sourceVersionId ?? undefined,
    });
    return { message: 'Successfully moved', Id: moved.id, Key: `${moved.bucketId}/${moved.name}` };
  });

  app.post('/object/copy', { config: client('copy'), schema: { body: CopyBody } }, async (request) => {
    const body = request.body as Static<typeof CopyBody>;
    mustBeValidKey(body.destinationKey);
    const copied = await objects.copy(callerOf(request), {
      ...body, destinationBucket: body.destinationBucket ?? undefined, sourceVersionId: body.sourceVersionId ?? undefined,
    });
    return { Id: copied.id, Key: `${copied.bucketId}/${copied.name}` };
  });

  app.delete('/object/:bucketName', { config: client('delete_many'), schema: { params: BucketNameParams, body: DeleteObjectsBody } }, async (request) => {
    const { prefixes } = request.body as Static<typeof DeleteObjectsBody>;
    const deleted = await objects.remove(callerOf(request), (request.params as Static<typeof BucketNameParams>).bucketName, prefixes);
    if (deleted.length) sweeper.schedule();
    return deleted;
  });

  app.delete('/object/:bucketName/*', { config: client('delete'), schema: { params: ObjectParams } }, async (request) => {
    const params = request.params as ObjectParams;
    await objects.removeOne(callerOf(request), params.bucketName, params['*']);
    sweeper.schedule();
    return { message: 'Successfully deleted' };
  });
}
