// GoTrue parity found by running the upstream auth-js suites against Trestle: the admin factor removal, verification
// links that carry redirect_to the way GoTrue's mailer writes it, and GoTrue's errors for the features Trestle leaves
// out (SAML SSO, manual identity linking, id_token and web3 grants) instead of unknown-route answers.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { authClient } from '../../../test/helpers/supabase.js';

let t: TestApp;
let base: string;
let admin: SupabaseClient;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  admin = authClient(base, t.serviceKey);
});
afterAll(async () => t?.close());

describe('admin MFA factors', () => {
  it('deletes a user\'s factor with the service key and refuses unknown users and factors', async () => {
    const user = authClient(base, t.anonKey);
    const { data: signUp } = await user.auth.signUp({ email: 'mfa-admin@example.com', password: 'factor pass 1' });
    const enrolled = await user.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone app' });
    expect(enrolled.error).toBeNull();
    const userId = signUp.user!.id;

    const listed = await admin.auth.admin.mfa.listFactors({ userId });
    expect(listed.data?.factors.map((f) => f.id)).toEqual([enrolled.data!.id]);

    const deleted = await admin.auth.admin.mfa.deleteFactor({ userId, id: enrolled.data!.id });
    expect(deleted.error).toBeNull();
    expect((deleted.data as unknown as { data: { id: string; friendly_name: string } }).data).toMatchObject({ id: enrolled.data!.id, friendly_name: 'phone app' });
    expect((await admin.auth.admin.mfa.listFactors({ userId })).data?.factors).toEqual([]);

    const again = await admin.auth.admin.mfa.deleteFactor({ userId, id: enrolled.data!.id });
    expect(again.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    const noUser = await admin.auth.admin.mfa.deleteFactor({ userId: '0b7e5a3c-1d5c-4c1e-9a55-3f1f8f0c2a10', id: enrolled.data!.id });
    expect(noUser.error).toMatchObject({ status: 404, code: 'user_not_found' });

    const withAnon = await fetch(`${base}/auth/v1/admin/users/${userId}/factors/${enrolled.data!.id}`, { method: 'DELETE', headers: { apikey: t.anonKey } });
    expect(withAnon.status).toBe(403);
  });
});

describe('verification links', () => {
  it('write a plain redirect_to as given and escape one that carries its own query', async () => {
    const plain = await admin.auth.admin.generateLink({ type: 'magiclink', email: 'links@example.com', options: { redirectTo: 'http://localhost:5173/welcome' } });
    expect(plain.error).toBeNull();
    expect(plain.data.properties?.action_link).toMatch(/&redirect_to=http:\/\/localhost:5173\/welcome$/);

    const withQuery = await admin.auth.admin.generateLink({ type: 'magiclink', email: 'links-query@example.com', options: { redirectTo: 'http://localhost:5173/cb?next=/a&b=1' } });
    const link = new URL(withQuery.data.properties!.action_link);
    expect(link.searchParams.get('redirect_to')).toBe('http://localhost:5173/cb?next=/a&b=1');
    expect(link.searchParams.get('type')).toBe('magiclink');

    // the link still signs in and lands on the requested page
    const res = await fetch(plain.data.properties!.action_link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:5173\/welcome#access_token=/);
  });
});

describe('features Trestle leaves out answer GoTrue\'s disabled errors', () => {
  it('SSO, identity linking, id_token and web3 sign-in', async () => {
    const user = authClient(base, t.anonKey);
    await user.auth.signUp({ email: 'disabled@example.com', password: 'disabled pass 1' });

    const sso = await user.auth.signInWithSSO({ domain: 'example.com' });
    expect(sso.error).toMatchObject({ status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });

    const link = await user.auth.linkIdentity({ provider: 'github' });
    expect(link.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
    const identities = await user.auth.getUserIdentities();
    const unlink = await user.auth.unlinkIdentity(identities.data!.identities[0]);
    expect(unlink.error).toMatchObject({ status: 404, code: 'manual_linking_disabled' });

    const idToken = await user.auth.signInWithIdToken({ provider: 'google', token: 'not-a-real-id-token' });
    expect(idToken.error).toMatchObject({ status: 400, code: 'provider_disabled', message: 'Provider (issuer "https://accounts.google.com") is not enabled' });

    const web3 = await user.auth.signInWithWeb3({ chain: 'ethereum', message: 'sign me in', signature: '0x00' } as never);
    expect(web3.error).toMatchObject({ status: 400, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' });
  });
});
