// kill -9 in the middle of uploads, then a restart: the overwritten object is still the old one, the new one does
// not exist, and no partial file is left (the temporary files are cleaned at start).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildTrestle, type ChildTrestle } from '../../../test/helpers/child-trestle.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';

const children: ChildTrestle[] = [];
afterAll(async () => {
  for (const c of children) await c.kill().catch(() => undefined);
  if (children[0]) await fs.rm(children[0].dataDir, { recursive: true, force: true });
});

/** Starts an upload that sends `bytes` and then stalls, never finishing its body. */
function stalledUpload(server: ChildTrestle, name: string, bytes: Buffer, upsert: boolean): http.ClientRequest {
  const req = http.request(`${server.url}/storage/v1/object/crash/${name}`, {
    method: 'POST',
    headers: { apikey: server.serviceKey, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length * 4), 'x-upsert': String(upsert) },
  });
  req.on('error', () => undefined);
  req.write(bytes);
  return req;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const listDir = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);

describe('a crash during uploads', () => {
  it('leaves the old object or none, never a half one, and cleans the partial files at restart', { timeout: 90_000 }, async () => {
    const first = await startChildTrestle();
    children.push(first);
    const client = supabaseClient(first.url, first.serviceKey);
    await client.storage.createBucket('crash');
    const v1 = crypto.randomBytes(1024 * 1024);
    expect((await client.storage.from('crash').upload('doc.bin', v1, { contentType: 'application/octet-stream' })).error).toBeNull();

    const chunk = crypto.randomBytes(4 * 1024 * 1024);
    stalledUpload(first, 'doc.bin', chunk, true);
    stalledUpload(first, 'new.bin', chunk, false);
    const tmp = path.join(first.dataDir, 'storage', 'tmp');
    await waitFor(async () => {
      const files = await listDir(tmp);
      if (files.length < 2) return false;
      const sizes = await Promise.all(files.map((f) => fs.stat(path.join(tmp, f)).then((s) => s.size)));
      return sizes.every((s) => s >= chunk.length);
    }, 'both uploads to reach the disk');

    await first.kill();
    expect(await listDir(tmp)).toHaveLength(2);

    const second = await first.restart();
    children.push(second);
    expect(await listDir(tmp)).toEqual([]);
    const after = supabaseClient(second.url, second.serviceKey);
    const doc = await after.storage.from('crash').download('doc.bin');
    expect(Buffer.from(await doc.data!.arrayBuffer()).equals(v1)).toBe(true);
    expect((await after.storage.from('crash').download('new.bin')).error).toMatchObject({ statusCode: '404' });
    expect((await after.storage.from('crash').list()).data!.map((e) => e.name)).toEqual(['doc.bin']);

    // The only blob on disk is the one the surviving row references.
    const blobs = (await Promise.all((await listDir(path.join(first.dataDir, 'storage', 'blobs'))).map((shard) =>
      listDir(path.join(first.dataDir, 'storage', 'blobs', shard))))).flat();
    const info = await after.storage.from('crash').info('doc.bin');
    expect(blobs).toEqual([info.data!.version]);
  });
});
