// Objects across branches and backups: a branch sees the objects that existed when it was made, its changes do not
// touch main's, a restored backup brings its objects back with their bytes, and the sweeper removes only blobs no
// database references any more.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';
import { storageService } from '../../storage/service.js';

let t: TestApp;
let client: SupabaseClient;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.end(); // nothing else may hold the main database open while it is copied
  client = supabaseClient(await t.listen(), t.serviceKey);
  await client.storage.createBucket('b');
});
afterAll(async () => t?.close());

const text = async (name: string) => {
  const { data, error } = await client.storage.from('b').download(name);
  return error ? null : data!.text();
};
const upload = (name: string, body: string) => client.storage.from('b').upload(name, new Blob([body], { type: 'text/plain' }), { upsert: true });
const version = async (name: string) => (await client.storage.from('b').info(name)).data!.version;
const blobsOnDisk = async () => {
  const root = path.join(t.ctx.config.storageDir, 'blobs');
  const shards = await fs.readdir(root).catch(() => [] as string[]);
  return new Set((await Promise.all(shards.map((s) => fs.readdir(path.join(root, s))))).flat());
};
const sweep = () => storageService(t.ctx).sweeper.sweep();

describe('storage with branches and backups', () => {
  it('shares blobs with a branch, keeps branch changes off main, and sweeps what no database references', async () => {
    await upload('shared.txt', 'main v1');
    const mainVersion = await version('shared.txt');

    const branch = (await t.service({ method: 'POST', url: '/api/branches', payload: { label: 'files' } })).json().branch;
    expect((await t.service({ method: 'POST', url: `/api/branches/${branch.id}/activate` })).statusCode).toBe(200);
    expect(await text('shared.txt')).toBe('main v1');
    await upload('shared.txt', 'branch v2');
    await upload('branch-only.txt', 'only here');
    const branchVersions = [await version('shared.txt'), await version('branch-only.txt')];
    expect((await client.storage.from('b').remove(['branch-only.txt'])).data).toHaveLength(1);
    await upload('branch-only.txt', 'only here, again');
    branchVersions.push(await version('branch-only.txt'));

    // The branch no longer references main's blob nor the first branch-only one; main still needs its blob.
    await sweep();
    const onDisk = await blobsOnDisk();
    expect(onDisk.has(mainVersion!)).toBe(true);
    expect(onDisk.has(branchVersions[1]!)).toBe(false);

    expect((await t.service({ method: 'POST', url: '/api/branches/deactivate' })).statusCode).toBe(200);
    expect(await text('shared.txt')).toBe('main v1');
    expect(await text('branch-only.txt')).toBeNull();

    expect((await t.service({ method: 'DELETE', url: `/api/branches/${branch.id}` })).statusCode).toBe(200);
    await sweep();
    const afterDrop = await blobsOnDisk();
    expect([...afterDrop]).toEqual([mainVersion]);
  });

  it('restores objects with a backup: a snapshot keeps its blobs alive until it is deleted', async () => {
    const snap = await t.service({ method: 'POST', url: '/api/backups', payload: { label: 'with files' } });
    expect(snap.statusCode).toBe(201);
    const backup = snap.json().backup;
    const kept = await version('shared.txt');

    expect((await client.storage.from('b').remove(['shared.txt'])).data).toHaveLength(1);
    await upload('later.txt', 'after the snapshot');
    await sweep();
    expect((await blobsOnDisk()).has(kept!)).toBe(true); // the backup still references it

    const restored = await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: { target: 'main', confirm: true } });
    expect(restored.statusCode).toBe(200);
    expect(await text('shared.txt')).toBe('main v1');
    expect(await text('later.txt')).toBeNull();

    // The replaced state (with later.txt) is kept as a pre-restore backup, so its blob stays until that goes too.
    const laterBlobs = [...(await blobsOnDisk())].filter((v) => v !== kept);
    expect(laterBlobs).toHaveLength(1);
    await sweep();
    expect((await blobsOnDisk()).has(laterBlobs[0])).toBe(true);
    for (const id of [backup.id, restored.json().replaced_backup.id]) {
      expect((await t.service({ method: 'DELETE', url: `/api/backups/${id}` })).statusCode).toBe(200);
    }
    await sweep();
    expect([...(await blobsOnDisk())]).toEqual([kept]);
    expect(await text('shared.txt')).toBe('main v1');
  });

  it('removes a blob left by a crash between its publication and its row', async () => {
    const orphan = '0badc0de-0000-4000-8000-000000000000';
    await fs.mkdir(path.join(t.ctx.config.storageDir, 'blobs', '0b'), { recursive: true });
    await fs.writeFile(path.join(t.ctx.config.storageDir, 'blobs', '0b', orphan), 'no row points here');
    expect((await blobsOnDisk()).has(orphan)).toBe(true);
    await sweep();
    expect((await blobsOnDisk()).has(orphan)).toBe(false);
    expect(await text('shared.txt')).toBe('main v1');
  });
});
