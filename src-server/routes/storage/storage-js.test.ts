// Every storage-js method, unmodified, against a real listening Trestle.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';

let t: TestApp;
let url: string;
let admin: SupabaseClient;
let anon: SupabaseClient;

beforeAll(async () => {
  t = await createTestApp();
  url = await t.listen();
  admin = supabaseClient(url, t.serviceKey);
  anon = supabaseClient(url, t.anonKey);
});
afterAll(async () => t?.close());

const text = (s: string) => new Blob([s], { type: 'text/plain' });

describe('buckets', () => {
  it('creates, reads, lists, updates, empties and deletes buckets', async () => {
    const created = await admin.storage.createBucket('docs', { public: false, fileSizeLimit: '1MB', allowedMimeTypes: ['text/*', 'application/pdf'] });
    expect(created.error).toBeNull();
    expect(created.data).toEqual({ name: 'docs' });

    const got = await admin.storage.getBucket('docs');
    expect(got.error).toBeNull();
    expect(got.data).toMatchObject({ id: 'docs', name: 'docs', public: false, file_size_limit: 1_000_000, allowed_mime_types: ['text/*', 'application/pdf'] });

    const dup = await admin.storage.createBucket('docs');
    expect(dup.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect((dup.error as unknown as { status: number }).status).toBe(400);

    const listed = await admin.storage.listBuckets();
    expect(listed.data?.map((b) => b.id)).toContain('docs');
    const searched = await admin.storage.listBuckets({ search: 'doc', limit: 1 });
    expect(searched.data?.map((b) => b.id)).toEqual(['docs']);

    const updated = await admin.storage.updateBucket('docs', { public: true, fileSizeLimit: 2048, allowedMimeTypes: null });
    expect(updated.data).toEqual({ message: 'Successfully updated' });
    expect((await admin.storage.getBucket('docs')).data).toMatchObject({ public: true, file_size_limit: 2048, allowed_mime_types: null });

    await admin.storage.from('docs').upload('a.txt', text('a'));
    const notEmpty = await admin.storage.deleteBucket('docs');
    expect(notEmpty.error).toMatchObject({ statusCode: '409' });
    expect((await admin.storage.emptyBucket('docs')).data).toEqual({ message: 'Successfully emptied' });
    expect((await admin.storage.deleteBucket('docs')).data).toEqual({ message: 'Successfully deleted' });
    const gone = await admin.storage.getBucket('docs');
    expect(gone.error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });

  it('refuses invalid bucket names and hides buckets from anon without a policy', async () => {
    const bad = await admin.storage.createBucket('a/b');
    expect(bad.error).toMatchObject({ statusCode: '400' });
    await admin.storage.createBucket('hidden');
    expect((await anon.storage.listBuckets()).data).toEqual([]);
    expect((await anon.storage.getBucket('hidden')).error).toMatchObject({ statusCode: '404' });
    const denied = await anon.storage.createBucket('mine');
    expect(denied.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
  });
});

describe('objects', () => {
  beforeAll(async () => {
    await admin.storage.createBucket('files', { public: false });
    await admin.storage.createBucket('pics', { public: true, allowedMimeTypes: ['image/*'], fileSizeLimit: 1000 });
  });

  it('uploads multipart (Blob) and raw (Buffer, string) bodies and downloads them', async () => {
    const files = admin.storage.from('files');
    const up = await files.upload('folder/hello.txt', text('hello world'), { cacheControl: '60', metadata: { author: 'me' } });
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: 'folder/hello.txt', fullPath: 'files/folder/hello.txt' });
    expect(up.data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const raw = await files.upload('raw.bin', Buffer.from([0, 1, 2, 255]), { contentType: 'application/octet-stream', metadata: { k: 1 } });
    expect(raw.error).toBeNull();
    const str = await files.upload('str.json', '{"a":1}', { contentType: 'application/json' });
    expect(str.error).toBeNull();

    const dl = await files.download('folder/hello.txt');
    expect(await dl.data!.text()).toBe('hello world');
    expect(dl.data!.type).toBe('text/plain');
    expect(Buffer.from(await (await files.download('raw.bin')).data!.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(await (await files.download('str.json')).data!.text()).toBe('{"a":1}');

    const info = await files.info('folder/hello.txt');
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({ name: 'folder/hello.txt', bucketId: 'files', size: 11, contentType: 'text/plain', cacheControl: 'max-age=60', metadata: { author: 'me' } });
    expect((await files.info('raw.bin')).data).toMatchObject({ metadata: { k: 1 }, cacheControl: 'max-age=3600' });

    expect((await files.exists('folder/hello.txt')).data).toBe(true);
    expect((await files.exists('nope.txt')).data).toBe(false);
  });

  it('refuses a duplicate without upsert, overwrites with upsert and with update()', async () => {
    const files = admin.storage.from('files');
    await files.upload('dup.txt', text('one'));
    const again = await files.upload('dup.txt', text('two'));
    expect(again.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect((await files.upload('dup.txt', text('three'), { upsert: true })).error).toBeNull();
    expect(await (await files.download('dup.txt')).data!.text()).toBe('three');
    expect((await files.update('dup.txt', text('four'))).error).toBeNull();
    expect(await (await files.download('dup.txt')).data!.text()).toBe('four');
  });

  it('lists one level with folders, sorting, search and paging', async () => {
    const files = admin.storage.from('files');
    for (const name of ['list/b.txt', 'list/a.txt', 'list/C.txt', 'list/sub/x.txt', 'list/sub/y.txt', 'list/zz/deep/z.txt']) {
      await files.upload(name, text(name));
    }
    const all = await files.list('list');
    expect(all.error).toBeNull();
    expect(all.data!.map((e) => e.name)).toEqual(['a.txt', 'b.txt', 'C.txt', 'sub', 'zz']);
    const folder = all.data!.find((e) => e.name === 'sub')!;
    expect(folder).toMatchObject({ id: null, metadata: null });
    expect(all.data!.find((e) => e.name === 'a.txt')!.metadata).toMatchObject({ size: 10, mimetype: 'text/plain' });

    expect((await files.list('list', { sortBy: { column: 'name', order: 'desc' } })).data!.map((e) => e.name)).toEqual(['zz', 'sub', 'C.txt', 'b.txt', 'a.txt']);
    expect((await files.list('list', { limit: 2, offset: 1 })).data!.map((e) => e.name)).toEqual(['b.txt', 'C.txt']);
    expect((await files.list('list', { search: 'c' })).data!.map((e) => e.name)).toEqual(['C.txt']);
    expect((await files.list('list/sub/')).data!.map((e) => e.name)).toEqual(['x.txt', 'y.txt']);
    const byTime = await files.list('list', { sortBy: { column: 'created_at', order: 'desc' } });
    expect(byTime.data!.map((e) => e.name)).toEqual(['zz', 'sub', 'C.txt', 'a.txt', 'b.txt']);

    const v2 = await files.listV2({ prefix: 'list/', with_delimiter: true, limit: 3 });
    expect(v2.error).toBeNull();
    expect(v2.data!.objects.map((o) => o.name)).toEqual(['list/C.txt', 'list/a.txt', 'list/b.txt']);
    expect(v2.data!.hasNext).toBe(true);
    const page2 = await files.listV2({ prefix: 'list/', with_delimiter: true, limit: 3, cursor: v2.data!.nextCursor });
    expect(page2.data!.folders.map((f) => f.name)).toEqual(['list/sub/', 'list/zz/']);
    expect(page2.data!.hasNext).toBe(false);
  });

  it('moves and copies, inside a bucket and across buckets', async () => {
    const files = admin.storage.from('files');
    await files.upload('mv/src.txt', text('move me'));
    const moved = await files.move('mv/src.txt', 'mv/dst.txt');
    expect(moved.data).toMatchObject({ message: 'Successfully moved' });
    expect((await files.exists('mv/src.txt')).data).toBe(false);
    expect(await (await files.download('mv/dst.txt')).data!.text()).toBe('move me');

    const copied = await files.copy('mv/dst.txt', 'mv/copy.txt');
    expect(copied.data).toEqual({ path: 'files/mv/copy.txt' });
    expect(await (await files.download('mv/copy.txt')).data!.text()).toBe('move me');

    await admin.storage.createBucket('other');
    expect((await files.copy('mv/copy.txt', 'x/copy.txt', { destinationBucket: 'other' })).error).toBeNull();
    expect(await (await admin.storage.from('other').download('x/copy.txt')).data!.text()).toBe('move me');
    expect((await files.move('mv/copy.txt', 'y.txt', { destinationBucket: 'other' })).error).toBeNull();
    expect((await admin.storage.from('other').exists('y.txt')).data).toBe(true);

    expect((await files.move('mv/none.txt', 'z.txt')).error).toMatchObject({ statusCode: '404' });
    await files.upload('mv/taken.txt', text('t'));
    expect((await files.move('mv/dst.txt', 'mv/taken.txt')).error).toMatchObject({ statusCode: '409' });
  });

  it('removes many objects and returns the removed rows', async () => {
    const files = admin.storage.from('files');
    await files.upload('rm/1.txt', text('1'));
    await files.upload('rm/2.txt', text('2'));
    const removed = await files.remove(['rm/1.txt', 'rm/2.txt', 'rm/missing.txt']);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((o) => o.name).sort()).toEqual(['rm/1.txt', 'rm/2.txt']);
    expect((await files.list('rm')).data).toEqual([]);
    expect((await files.download('rm/1.txt')).error).toMatchObject({ statusCode: '404' });
  });

  it('enforces the bucket size limit (413) and MIME types with wildcards (415)', async () => {
    const pics = admin.storage.from('pics');
    expect((await pics.upload('ok.png', new Blob([Buffer.alloc(500)], { type: 'image/png' }))).error).toBeNull();
    const big = await pics.upload('big.png', new Blob([Buffer.alloc(1001)], { type: 'image/png' }));
    expect(big.error).toMatchObject({ statusCode: '413' });
    const bigRaw = await pics.upload('big2.png', Buffer.alloc(5000), { contentType: 'image/png' });
    expect(bigRaw.error).toMatchObject({ statusCode: '413' });
    const wrong = await pics.upload('x.txt', text('not an image'));
    expect(wrong.error).toMatchObject({ statusCode: '415', message: 'mime type text/plain is not supported' });
    expect((await pics.exists('big.png')).data).toBe(false);
  });

  it('serves public buckets without a key through getPublicUrl, and not private ones', async () => {
    await admin.storage.from('pics').upload('pub.png', new Blob([Buffer.from('PNGDATA')], { type: 'image/png' }), { upsert: true });
    const { publicUrl } = admin.storage.from('pics').getPublicUrl('pub.png').data;
    const res = await fetch(publicUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('PNGDATA');
    const attached = await fetch(admin.storage.from('pics').getPublicUrl('pub.png', { download: 'pretty.png' }).data.publicUrl);
    expect(attached.headers.get('content-disposition')).toContain('filename=pretty.png');

    await admin.storage.from('files').upload('secret.txt', text('secret'));
    const priv = await fetch(admin.storage.from('files').getPublicUrl('secret.txt').data.publicUrl);
    expect(priv.status).toBe(400);
    expect(await priv.json()).toMatchObject({ statusCode: '404', error: 'Bucket not found' });
  });

  it('signs download URLs that work without a key until they expire', async () => {
    const files = admin.storage.from('files');
    await files.upload('signed/a b.txt', text('signed content'));
    const signed = await files.createSignedUrl('signed/a b.txt', 60);
    expect(signed.error).toBeNull();
    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed content');
    expect(res.headers.get('expires')).toBeTruthy();

    const withDownload = await files.createSignedUrl('signed/a b.txt', 60, { download: true });
    expect((await fetch(withDownload.data!.signedUrl)).headers.get('content-disposition')).toBe('attachment;');

    const tampered = signed.data!.signedUrl.replace('a%20b.txt', 'secret.txt');
    expect((await fetch(tampered)).status).toBe(400);

    const short = await files.createSignedUrl('signed/a b.txt', 1);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(short.data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ statusCode: '400', code: 'ExpiredToken' });

    const many = await files.createSignedUrls(['signed/a b.txt', 'signed/none.txt'], 60);
    expect(many.data![0]).toMatchObject({ path: 'signed/a b.txt', error: null });
    expect(many.data![1]).toMatchObject({ path: 'signed/none.txt', signedUrl: null });
    expect(await (await fetch(many.data![0].signedUrl!)).text()).toBe('signed content');

    expect((await files.createSignedUrl('signed/none.txt', 60)).error).toMatchObject({ statusCode: '404' });
  });

  it('creates signed upload URLs that upload without a key', async () => {
    const files = admin.storage.from('files');
    const signed = await files.createSignedUploadUrl('uploads/via-token.txt');
    expect(signed.error).toBeNull();
    const up = await anon.storage.from('files').uploadToSignedUrl('uploads/via-token.txt', signed.data!.token, text('by token'));
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: 'uploads/via-token.txt', fullPath: 'files/uploads/via-token.txt' });
    expect(await (await files.download('uploads/via-token.txt')).data!.text()).toBe('by token');

    const reused = await anon.storage.from('files').uploadToSignedUrl('uploads/via-token.txt', signed.data!.token, text('again'));
    expect(reused.error).toMatchObject({ statusCode: '409' });
    const elsewhere = await anon.storage.from('files').uploadToSignedUrl('uploads/other.txt', signed.data!.token, text('x'));
    expect(elsewhere.error).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });

    const upsert = await files.createSignedUploadUrl('uploads/via-token.txt', { upsert: true });
    expect((await anon.storage.from('files').uploadToSignedUrl('uploads/via-token.txt', upsert.data!.token, text('replaced'), { upsert: true })).error).toBeNull();
    expect(await (await files.download('uploads/via-token.txt')).data!.text()).toBe('replaced');
  });

  it('purges the (absent) CDN cache trivially and answers lifecycle rules with "not supported"', async () => {
    expect((await admin.storage.from('files').purgeCache('folder/hello.txt')).error).toBeNull();
    expect((await admin.storage.purgeBucketCache('files')).error).toBeNull();
    const lifecycle = await admin.storage.getBucketLifecycle('files');
    expect(lifecycle.error).toMatchObject({ statusCode: '501', code: 'NotSupported' });
  });

  it('answers image transformations with a clear "not supported"', async () => {
    const res = await admin.storage.from('pics').download('pub.png', { transform: { width: 10 } });
    expect(res.error).toMatchObject({ statusCode: '501', code: 'NotSupported' });
    expect(res.error!.message).toContain('not supported');
  });

  it('keeps object names as data: traversal-looking names are plain names', async () => {
    // Encoded slashes keep fetch from resolving the dots away: the server receives the name ../../etc/passwd.
    const traversal = `${url}/storage/v1/object/files/..%2F..%2Fetc%2Fpasswd`;
    const put = await fetch(traversal, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'text/plain' }, body: 'just a name' });
    expect(await put.json()).toMatchObject({ Key: 'files/../../etc/passwd' });
    expect(await (await fetch(traversal, { headers: { apikey: t.serviceKey } })).text()).toBe('just a name');
    const { rows } = await t.sql.query(`SELECT version FROM storage.objects WHERE name = '../../etc/passwd'`);
    expect(rows[0].version).toMatch(/^[0-9a-f-]{36}$/);
    const nul = await fetch(`${url}/storage/v1/object/files/bad%00name`, { method: 'POST', headers: { apikey: t.serviceKey }, body: 'x' });
    expect(await nul.json()).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
  });
});

describe('shapes the upstream storage-js suite checks', () => {
  it('info answers metadata {} for an object uploaded without any, and listV2 names folders by key and prefix', async () => {
    await admin.storage.createBucket('shapes');
    await admin.storage.from('shapes').upload('top/a.txt', text('a'));
    await admin.storage.from('shapes').upload('top/inner/b.txt', text('b'));

    const info = await admin.storage.from('shapes').info('top/a.txt');
    expect(info.error).toBeNull();
    expect(info.data?.metadata).toEqual({});

    const root = await admin.storage.from('shapes').listV2({ with_delimiter: true });
    expect(root.data?.folders).toEqual([expect.objectContaining({ key: 'top', name: 'top/' })]);
    const nested = await admin.storage.from('shapes').listV2({ prefix: 'top/', with_delimiter: true });
    expect(nested.data?.folders).toEqual([expect.objectContaining({ key: 'top/inner', name: 'top/inner/' })]);
    expect(nested.data?.objects.map((o) => o.name)).toEqual(['top/a.txt']);
  });
});
