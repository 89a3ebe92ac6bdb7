// The dashboard's /api/storage: buckets with usage and policy hints, browsing, upload, preview, rename, delete, URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await createTestApp();
  url = await t.listen();
});
afterAll(async () => t?.close());

const upload = (path: string, body: string, type = 'text/plain') =>
  t.service({ method: 'POST', url: `/api/storage/buckets/docs/objects/${path}`, headers: { 'content-type': type }, payload: body });

describe('/api/storage', () => {
  it('creates buckets and lists them with usage and whether a policy lets anon/authenticated in', async () => {
    const created = await t.service({ method: 'POST', url: '/api/storage/buckets', payload: { name: 'docs', public: false, file_size_limit: '5MB' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().bucket).toMatchObject({ id: 'docs', public: false, file_size_limit: 5_000_000 });
    expect((await upload('readme.txt', 'hello')).statusCode).toBe(200);

    let list = (await t.service({ method: 'GET', url: '/api/storage/buckets' })).json().buckets;
    expect(list).toEqual([expect.objectContaining({ id: 'docs', object_count: 1, total_bytes: 5, policies: { anon: false, authenticated: false } })]);

    await t.sql.query(`CREATE POLICY "docs read" ON storage.objects FOR SELECT TO authenticated USING (bucket_id = 'docs')`);
    await t.sql.query(`CREATE POLICY "other bucket" ON storage.objects FOR SELECT TO anon USING (bucket_id = 'other')`);
    list = (await t.service({ method: 'GET', url: '/api/storage/buckets' })).json().buckets;
    expect(list[0].policies).toEqual({ anon: false, authenticated: true });

    const audit = await t.sql.query(`SELECT action FROM trestle.audit_log WHERE resource_type = 'storage' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['storage.bucket.create', 'storage.object.upload']);
  });

  it('browses folders, previews, renames, signs and deletes', async () => {
    await upload('a/one.txt', 'one');
    await upload('a/b/two.txt', 'two');
    const root = (await t.service({ method: 'GET', url: '/api/storage/buckets/docs/entries' })).json().entries;
    expect(root.map((e: { name: string }) => e.name)).toEqual(['a', 'readme.txt']);
    const inA = (await t.service({ method: 'GET', url: '/api/storage/buckets/docs/entries?prefix=a/' })).json().entries;
    expect(inA.map((e: { name: string; id: string | null }) => [e.name, e.id === null])).toEqual([['b', true], ['one.txt', false]]);

    const preview = await t.service({ method: 'GET', url: '/api/storage/buckets/docs/objects/a/one.txt' });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('text/plain');
    expect(preview.body).toBe('one');

    expect((await t.service({ method: 'POST', url: '/api/storage/buckets/docs/move', payload: { from: 'a/one.txt', to: 'a/uno.txt' } })).statusCode).toBe(200);
    const signed = (await t.service({ method: 'POST', url: '/api/storage/buckets/docs/signed-url', payload: { path: 'a/uno.txt', expiresIn: 60 } })).json();
    expect(signed.signedUrl).toMatch(/^\/storage\/v1\/object\/sign\/docs\/a\/uno\.txt\?token=/);
    expect(await (await fetch(url + signed.signedUrl)).text()).toBe('one');

    const removed = await t.service({ method: 'DELETE', url: '/api/storage/buckets/docs/objects', payload: { paths: ['a/', 'readme.txt'] } });
    expect(removed.json()).toEqual({ deleted: 3 });
    expect((await t.service({ method: 'GET', url: '/api/storage/buckets/docs/entries' })).json().entries).toEqual([]);
  });

  it('answers in Trestle\'s error shape with the intended status, and empties and deletes buckets', async () => {
    const missing = await t.service({ method: 'GET', url: '/api/storage/buckets/docs/objects/nope.txt' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NoSuchKey', error: 'Object not found' });
    const dup = await t.service({ method: 'POST', url: '/api/storage/buckets', payload: { name: 'docs' } });
    expect(dup.statusCode).toBe(409);

    await upload('x.txt', 'x');
    expect((await t.service({ method: 'DELETE', url: '/api/storage/buckets/docs' })).statusCode).toBe(409);
    expect((await t.service({ method: 'POST', url: '/api/storage/buckets/docs/empty' })).json()).toMatchObject({ deleted: 1 });
    expect((await t.service({ method: 'PATCH', url: '/api/storage/buckets/docs', payload: { public: true } })).json().bucket.public).toBe(true);
    expect((await t.service({ method: 'DELETE', url: '/api/storage/buckets/docs' })).statusCode).toBe(200);
    expect((await t.anon({ method: 'GET', url: '/api/storage/buckets' })).statusCode).toBe(403);
  });
});
