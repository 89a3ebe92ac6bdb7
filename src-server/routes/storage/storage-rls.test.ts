// RLS on storage.objects decides, as on Supabase: with the usual folder policy each user reads and writes only
// <uid>/…, and another user gets Storage's errors.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { supabaseClient } from '../../../test/helpers/supabase.js';

let t: TestApp;
let alice: SupabaseClient;
let bob: SupabaseClient;
let anon: SupabaseClient;
const A = crypto.randomUUID();
const B = crypto.randomUUID();
const png = (s: string) => new Blob([s], { type: 'image/png' });

beforeAll(async () => {
  t = await createTestApp();
  const url = await t.listen();
  const folder = `bucket_id = 'avatars' AND (storage.foldername(name))[1] = auth.uid()::text`;
  await t.sql.query(`
    CREATE POLICY "own folder read" ON storage.objects FOR SELECT TO authenticated USING (${folder});
    CREATE POLICY "own folder insert" ON storage.objects FOR INSERT TO authenticated WITH CHECK (${folder});
    CREATE POLICY "own folder update" ON storage.objects FOR UPDATE TO authenticated USING (${folder}) WITH CHECK (${folder});
    CREATE POLICY "own folder delete" ON storage.objects FOR DELETE TO authenticated USING (${folder});`);
  await t.service({ method: 'POST', url: '/storage/v1/bucket', payload: { name: 'avatars' } });
  alice = supabaseClient(url, t.anonKey, { accessToken: mintJwt(t.ctx.jwtSecret, { sub: A, role: 'authenticated' }) });
  bob = supabaseClient(url, t.anonKey, { accessToken: mintJwt(t.ctx.jwtSecret, { sub: B, role: 'authenticated' }) });
  anon = supabaseClient(url, t.anonKey);
});
afterAll(async () => t?.close());

describe('a folder policy on storage.objects', () => {
  it('lets each user write and read only their own folder', async () => {
    expect((await alice.storage.from('avatars').upload(`${A}/me.png`, png('alice'))).error).toBeNull();
    expect((await bob.storage.from('avatars').upload(`${B}/me.png`, png('bob'))).error).toBeNull();

    const intrude = await alice.storage.from('avatars').upload(`${B}/evil.png`, png('x'));
    expect(intrude.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect((intrude.error as unknown as { status: number }).status).toBe(400);

    expect(await (await alice.storage.from('avatars').download(`${A}/me.png`)).data!.text()).toBe('alice');
    expect((await bob.storage.from('avatars').download(`${A}/me.png`)).error).toMatchObject({ statusCode: '404' });
    expect((await bob.storage.from('avatars').info(`${A}/me.png`)).error).toMatchObject({ statusCode: '404' });
    expect((await bob.storage.from('avatars').createSignedUrl(`${A}/me.png`, 60)).error).toMatchObject({ statusCode: '404' });

    expect((await alice.storage.from('avatars').list(A)).data!.map((e) => e.name)).toEqual(['me.png']);
    expect((await bob.storage.from('avatars').list(A)).data).toEqual([]);
    expect((await bob.storage.from('avatars').list()).data!.map((e) => e.name)).toEqual([B]);

    const { rows } = await t.sql.query(`SELECT owner::text, owner_id FROM storage.objects WHERE name = $1`, [`${A}/me.png`]);
    expect(rows[0]).toEqual({ owner: A, owner_id: A });
  });

  it('lets the owner overwrite, move and delete, and not the other user', async () => {
    expect((await alice.storage.from('avatars').upload(`${A}/me.png`, png('alice v2'), { upsert: true })).error).toBeNull();
    expect((await bob.storage.from('avatars').upload(`${A}/me.png`, png('bob was here'), { upsert: true })).error).toMatchObject({ statusCode: '403' });
    expect(await (await alice.storage.from('avatars').download(`${A}/me.png`)).data!.text()).toBe('alice v2');

    expect((await bob.storage.from('avatars').remove([`${A}/me.png`])).data).toEqual([]);
    expect((await alice.storage.from('avatars').exists(`${A}/me.png`)).data).toBe(true);

    expect((await alice.storage.from('avatars').move(`${A}/me.png`, `${B}/gift.png`)).error).toMatchObject({ statusCode: '403' });
    expect((await alice.storage.from('avatars').move(`${A}/me.png`, `${A}/renamed.png`)).error).toBeNull();
    expect((await alice.storage.from('avatars').copy(`${A}/renamed.png`, `${B}/copy.png`)).error).toMatchObject({ statusCode: '403' });

    expect((await alice.storage.from('avatars').remove([`${A}/renamed.png`])).data!.map((o) => o.name)).toEqual([`${A}/renamed.png`]);
  });

  it('refuses callers without a user: anon has no policy', async () => {
    expect((await anon.storage.from('avatars').upload('x.png', png('x'))).error).toMatchObject({ statusCode: '403' });
    expect((await anon.storage.from('avatars').download(`${B}/me.png`)).error).toMatchObject({ statusCode: '404' });
    const signedUpload = await anon.storage.from('avatars').createSignedUploadUrl(`${A}/x.png`);
    expect(signedUpload.error).toMatchObject({ statusCode: '403' });
  });

  it('sets the claims Supabase Storage sets, for policies that read them', async () => {
    await t.sql.query(`CREATE POLICY "claims probe" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'avatars' AND name = 'probe/' || current_setting('request.jwt.claim.role', true) || '-' || storage.operation())`);
    const ok = await bob.storage.from('avatars').upload('probe/authenticated-storage.object.upload', png('p'));
    expect(ok.error).toBeNull();
  });
});
