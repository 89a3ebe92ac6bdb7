// Downloads, HEAD and info: as the caller (RLS, unless the bucket is public) or from a public bucket without
// credentials. storage-js download() → GET /object/{bucket}/{path}; info() → GET /object/info/{bucket}/{path}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { DownloadAccess, StorageService } from '../../storage/service.js';
import type { ObjectRow } from '../../storage/objects.js';
import { callerOf } from './client-caller.js';
import { DownloadQuery, ObjectParams } from './schemas.js';
import { sendObject } from './send-object.js';

const client = { access: 'client' as const, operation: 'storage.object.get_authenticated' };
const infoClient = { access: 'client' as const, operation: 'storage.object.info_authenticated' };
const publicRoute = { access: 'public' as const, cors: true };

export function objectInfo(row: ObjectRow) {
  return {
    id: row.id, name: row.name, version: row.version, bucket_id: row.bucket_id,
    size: row.metadata?.size ?? null, content_type: row.metadata?.mimetype ?? null, cache_control: row.metadata?.cacheControl ?? null,
    etag: row.metadata?.eTag ?? null, metadata: row.user_metadata ?? {}, last_modified: row.updated_at, created_at: row.created_at,
  };
}

export async function downloadRoutes(app: FastifyInstance, { storage }: { storage: StorageService }) {
  const access = (request: FastifyRequest, open: boolean): DownloadAccess => (open ? { kind: 'public' } : { kind: 'caller', caller: callerOf(request) });
  const find = (request: FastifyRequest, open: boolean) => {
    const params = request.params as ObjectParams;
    const { versionId } = request.query as Static<typeof DownloadQuery>;
    return storage.objectForDownload(access(request, open), params.bucketName, params['*'], versionId);
  };
  const download = (open: boolean) => async (request: FastifyRequest, reply: FastifyReply) =>
    sendObject(request, reply, storage, await find(request, open), { download: (request.query as Static<typeof DownloadQuery>).download });
  const info = (open: boolean) => async (request: FastifyRequest) => objectInfo(await find(request, open));

  const schema = { params: ObjectParams, querystring: DownloadQuery };
  for (const [url, open] of [['/object/:bucketName/*', false], ['/object/authenticated/:bucketName/*', false], ['/object/public/:bucketName/*', true]] as const) {
    const config = open ? publicRoute : client;
    app.get(url, { config, schema, exposeHeadRoute: false }, download(open));
    app.head(url, { config, schema }, download(open));
  }
  for (const [url, open] of [['/object/info/:bucketName/*', false], ['/object/info/authenticated/:bucketName/*', false], ['/object/info/public/:bucketName/*', true]] as const) {
    app.get(url, { config: open ? publicRoute : infoClient, schema }, info(open));
  }
}
