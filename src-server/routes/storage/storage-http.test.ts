// The HTTP details around downloads and errors: Range, ETag/304, HEAD, Last-Modified, the credential errors in
// Storage's shape, and the management and status figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';

let t: TestApp;
let url: string;
const content = Buffer.from('0123456789abcdefghij');

beforeAll(async () => {
  t = await createTestApp();
  url = await t.listen();
  await t.service({ method: 'POST', url: '/storage/v1/bucket', payload: { name: 'b' } });
  const up = await fetch(`${url}/storage/v1/object/b/dir/data.bin`, {
    method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/octet-stream', 'cache-control': 'max-age=120' }, body: content,
  });
  expect(up.status).toBe(200);
});
afterAll(async () => t?.close());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${url}/storage/v1/object/b/${path}`, { method, headers: { apikey: t.serviceKey, ...headers } });

describe('downloads', () => {
  it('sends length, type, cache control, ETag and Last-Modified', async () => {
    const res = await get('dir/data.bin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('20');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('cache-control')).toBe('max-age=120');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 60_000);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(content);
  });

  it('answers Range requests with 206 and the slice, and 416 outside the object', async () => {
    const mid = await get('dir/data.bin', { range: 'bytes=2-5' });
    expect(mid.status).toBe(206);
    expect(mid.headers.get('content-range')).toBe('bytes 2-5/20');
    expect(mid.headers.get('content-length')).toBe('4');
    expect(await mid.text()).toBe('2345');
    expect(await (await get('dir/data.bin', { range: 'bytes=15-' })).text()).toBe('fghij');
    expect(await (await get('dir/data.bin', { range: 'bytes=-3' })).text()).toBe('hij');
    expect(await (await get('dir/data.bin', { range: 'bytes=18-100' })).text()).toBe('ij');
    const outside = await get('dir/data.bin', { range: 'bytes=20-30' });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */20');
    expect((await get('dir/data.bin', { range: 'bytes=0-1,4-5' })).status).toBe(200);
  });

  it('answers 304 to a matching If-None-Match or a fresh If-Modified-Since', async () => {
    const first = await get('dir/data.bin');
    const etag = first.headers.get('etag')!;
    expect((await get('dir/data.bin', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('dir/data.bin', { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await get('dir/data.bin', { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
    expect((await get('dir/data.bin', { 'if-modified-since': new Date(Date.now() - 86_400_000).toUTCString() })).status).toBe(200);
  });

  it('answers HEAD with the headers only, and ?download with an attachment', async () => {
    const head = await get('dir/data.bin', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('20');
    expect(await head.text()).toBe('');
    const named = await get('dir/data.bin?download=report%20final.bin');
    expect(named.headers.get('content-disposition')).toBe("attachment; filename=report%20final.bin; filename*=UTF-8''report%20final.bin;");
  });

  it('keeps uploaded content from running script on the dashboard\'s origin', async () => {
    await fetch(`${url}/storage/v1/object/b/page.html`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'text/html' }, body: '<script>1</script>' });
    const html = await get('page.html');
    expect(html.headers.get('content-type')).toBe('text/plain');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    await fetch(`${url}/storage/v1/object/b/logo.svg`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'image/svg+xml' }, body: '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>' });
    expect((await get('logo.svg')).headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
  });

  it('reports missing objects and buckets in Storage\'s shape with HTTP 400', async () => {
    const missing = await get('nope.bin');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ statusCode: '404', code: 'NoSuchKey', error: 'not_found', message: 'Object not found' });
    const bucket = await fetch(`${url}/storage/v1/object/nobucket/x`, { headers: { apikey: t.serviceKey } });
    expect(await bucket.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket', message: 'Bucket not found' });
  });
});

describe('credentials', () => {
  it('maps key and JWT errors into Storage\'s error shape', async () => {
    const noKey = await fetch(`${url}/storage/v1/bucket`);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ statusCode: '401', code: 'MISSING_API_KEY' });
    const badKey = await fetch(`${url}/storage/v1/bucket`, { headers: { apikey: 'truss_pk_nottherightkeyatall0000' } });
    expect(await badKey.json()).toMatchObject({ statusCode: '401', code: 'INVALID_API_KEY' });
    const forged = await fetch(`${url}/storage/v1/bucket`, { headers: { apikey: t.anonKey, authorization: `Bearer ${mintJwt('wrong-secret', { sub: 'x' })}` } });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ statusCode: '403', code: 'InvalidJWT', error: 'Unauthorized' });
    const expired = await fetch(`${url}/storage/v1/bucket`, { headers: { apikey: t.anonKey, authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: 'x' }, { expiresIn: -3600 })}` } });
    expect(await expired.json()).toMatchObject({ statusCode: '403', code: 'InvalidJWT', message: 'JWT expired' });
  });

  it('accepts a user JWT without an API key, as Supabase Storage does', async () => {
    const res = await fetch(`${url}/storage/v1/bucket`, { headers: { authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: crypto.randomUUID() })}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('answers unknown storage routes with a JSON 404', async () => {
    const res = await fetch(`${url}/storage/v1/nothing/here`, { headers: { apikey: t.serviceKey } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: '404', error: 'Not Found' });
  });
});

describe('management and status', () => {
  it('lists buckets with object counts and bytes, and counts them in /v1/status', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/storage/buckets' });
    expect(res.statusCode).toBe(200);
    const b = res.json().buckets.find((x: { id: string }) => x.id === 'b');
    expect(b).toMatchObject({ id: 'b', public: false, object_count: 3, total_bytes: 102 });
    expect((await t.anon({ method: 'GET', url: '/v1/storage/buckets' })).statusCode).toBe(403);
    const status = await t.service({ method: 'GET', url: '/v1/status' });
    expect(status.json().resources.storage).toEqual({ buckets: 1, objects: 3, total_bytes: 102 });
  });
});
