// TUS resumable uploads with the real tus-js-client: resume after an aborted PATCH, RLS and ownership of an upload,
// limits checked at creation, and the signed variant.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';

let t: TestApp;
let url: string;
let endpoint: string;

beforeAll(async () => {
  t = await createTestApp();
  url = await t.listen();
  endpoint = `${url}/storage/v1/upload/resumable`;
  await t.service({ method: 'POST', url: '/storage/v1/bucket', payload: { name: 'big' } });
  await t.service({ method: 'POST', url: '/storage/v1/bucket', payload: { name: 'small', file_size_limit: 1000, allowed_mime_types: ['image/*'] } });
});
afterAll(async () => t?.close());

const metadata = (objectName: string, bucketName = 'big', contentType = 'application/octet-stream') =>
  ({ bucketName, objectName, contentType, cacheControl: '3600' });

function run(upload: tus.Upload): Promise<void> {
  return new Promise((resolve, reject) => {
    upload.options.onSuccess = () => resolve();
    upload.options.onError = (err) => reject(err);
    upload.start();
  });
}

async function download(name: string): Promise<Buffer> {
  const res = await fetch(`${url}/storage/v1/object/big/${name}`, { headers: { apikey: t.serviceKey } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('TUS resumable uploads', () => {
  it('resumes after an aborted PATCH and stores the object byte for byte', async () => {
    const data = crypto.randomBytes(24 * 1024 * 1024);
    const headers = { apikey: t.serviceKey, authorization: `Bearer ${t.serviceKey}` };
    const tusHeaders = { ...headers, 'tus-resumable': '1.0.0' };
    const created = await fetch(endpoint, {
      method: 'POST',
      headers: { ...tusHeaders, 'upload-length': String(data.length), 'upload-metadata': `bucketName ${b64('big')},objectName ${b64('resumed.bin')}` },
    });
    expect(created.status).toBe(201);
    const uploadUrl = created.headers.get('location')!;

    // A PATCH whose connection drops after a third of the bytes.
    const cut = new AbortController();
    const third = data.subarray(0, data.length / 3);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(third);
        setTimeout(() => cut.abort(), 300);
      },
    });
    await fetch(uploadUrl, {
      method: 'PATCH', signal: cut.signal, body, duplex: 'half',
      headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    } as RequestInit).catch(() => undefined);

    let offset = 0;
    for (let i = 0; i < 100 && offset === 0; i++) {
      const head = await fetch(uploadUrl, { method: 'HEAD', headers: tusHeaders });
      offset = Number(head.headers.get('upload-offset'));
      if (offset === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(third.length);
    expect((await t.sql.query(`SELECT 1 FROM storage.objects WHERE name = 'resumed.bin'`)).rowCount).toBe(0);

    let resumedFrom = -1;
    const resumed = new tus.Upload(data, {
      endpoint, uploadUrl, headers, metadata: metadata('resumed.bin'), chunkSize: 6 * 1024 * 1024, retryDelays: [],
      onChunkComplete: (_chunk, sent) => {
        if (resumedFrom < 0) resumedFrom = sent;
      },
    });
    await run(resumed);
    expect(resumedFrom).toBeGreaterThan(offset);
    expect(resumedFrom).toBeLessThanOrEqual(offset + 6 * 1024 * 1024);
    expect((await download('resumed.bin')).equals(data)).toBe(true);
    const { rows } = await t.sql.query(`SELECT metadata FROM storage.objects WHERE name = 'resumed.bin'`);
    expect(rows[0].metadata).toMatchObject({ size: data.length, mimetype: 'application/octet-stream', cacheControl: 'no-cache' });
  });

  it('runs as the user: RLS decides at creation, and nobody else may continue the upload', async () => {
    const A = crypto.randomUUID();
    await t.sql.query(`CREATE POLICY "tus own folder" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'big' AND (storage.foldername(name))[1] = current_setting('request.jwt.claim.sub', true))`);
    const alice = { authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: A })}`, apikey: t.anonKey };
    const bob = { authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: crypto.randomUUID() })}`, apikey: t.anonKey };

    const refused = run(new tus.Upload(Buffer.from('x'), { endpoint, headers: bob, metadata: metadata(`${A}/x.bin`), retryDelays: [] }));
    await expect(refused).rejects.toThrow(/403/);

    const create = await fetch(endpoint, {
      method: 'POST',
      headers: { ...alice, 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': `bucketName ${b64('big')},objectName ${b64(`${A}/mine.bin`)}` },
    });
    expect(create.status).toBe(201);
    const location = create.headers.get('location')!;
    const patch = (who: Record<string, string>) => fetch(location, {
      method: 'PATCH', headers: { ...who, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: 'hello',
    });
    expect((await patch(bob)).status).toBe(403);
    expect((await patch(alice)).status).toBe(204);
    const { rows } = await t.sql.query(`SELECT owner_id FROM storage.objects WHERE name = $1`, [`${A}/mine.bin`]);
    expect(rows[0]).toEqual({ owner_id: A });
  });

  it('checks the bucket\'s size and MIME limits when the upload is created', async () => {
    const headers = { apikey: t.serviceKey };
    await expect(run(new tus.Upload(Buffer.alloc(2000), { endpoint, headers, metadata: metadata('a.png', 'small', 'image/png'), retryDelays: [] })))
      .rejects.toThrow(/413/);
    await expect(run(new tus.Upload(Buffer.alloc(10), { endpoint, headers, metadata: metadata('a.txt', 'small', 'text/plain'), retryDelays: [] })))
      .rejects.toThrow(/415/);
    await expect(run(new tus.Upload(Buffer.alloc(10), { endpoint, headers, metadata: metadata('a.png', 'nobucket'), retryDelays: [] })))
      .rejects.toThrow(/404/);
  });

  it('uploads through the signed endpoint with the token of createSignedUploadUrl', async () => {
    const signed = await supabaseClient(url, t.serviceKey).storage.from('big').createSignedUploadUrl('signed/tus.bin');
    expect(signed.error).toBeNull();
    const data = crypto.randomBytes(100_000);
    await run(new tus.Upload(data, {
      endpoint: `${endpoint}/sign`, headers: { 'x-signature': signed.data!.token }, metadata: metadata('signed/tus.bin'), retryDelays: [],
    }));
    expect((await download('signed/tus.bin')).equals(data)).toBe(true);
    await expect(run(new tus.Upload(data, {
      endpoint: `${endpoint}/sign`, headers: { 'x-signature': signed.data!.token }, metadata: metadata('signed/other.bin'), retryDelays: [],
    }))).rejects.toThrow(/400/);
  });

  it('leaves no chunk files behind once uploads complete', async () => {
    // Finished uploads became blobs; refused creations never made a file.
    expect(await fs.readdir(path.join(t.ctx.config.storageDir, 'uploads'))).toEqual([]);
  });
});

function b64(s: string): string {
  return Buffer.from(s).toString('base64');
}
