// The real @supabase/supabase-js against a running Trestle: sign-up, sign-in, refresh rotation and reuse, sign-out,
// anonymous users, links and codes from the inbox, PKCE.
import type { SupabaseClient } from '@supabase/supabase-js';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { authClient as supabaseClient, latestMessage } from '../../../test/helpers/supabase.js';

let t: TestApp;
let base: string;
let sb: SupabaseClient;
const client = () => supabaseClient(base, t.anonKey);

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  sb = client();
});
afterAll(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

describe('email and password', () => {
  it('sign-up returns a session whose token carries GoTrue\'s claims', async () => {
    const { data, error } = await sb.auth.signUp({ email: 'Ada@Example.com', password: 'correct horse', options: { data: { name: 'Ada' } } });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user).toMatchObject({ email: 'ada@example.com', aud: 'authenticated', role: 'authenticated', user_metadata: { name: 'Ada' }, is_anonymous: false });
    expect(data.user?.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(data.user?.identities?.[0]).toMatchObject({ provider: 'email', identity_data: { email: 'ada@example.com', sub: data.user!.id } });
    const claims = decode(data.session!.access_token);
    expect(claims).toMatchObject({
      iss: `${base}/auth/v1`, sub: data.user!.id, aud: 'authenticated', email: 'ada@example.com', phone: '', role: 'authenticated', aal: 'aal1',
      session_id: expect.any(String), is_anonymous: false, user_metadata: { name: 'Ada' },
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.amr[0]).toMatchObject({ method: 'password', timestamp: expect.any(Number) });
    const { data: me } = await sb.auth.getUser();
    expect(me.user?.id).toBe(data.user!.id);
  });

  it('refuses a duplicate, a wrong password and bad input with GoTrue\'s codes', async () => {
    const dup = await client().auth.signUp({ email: 'ada@example.com', password: 'whatever1' });
    expect(dup.error).toMatchObject({ status: 422, code: 'user_already_exists' });
    const wrong = await client().auth.signInWithPassword({ email: 'ada@example.com', password: 'wrong password' });
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    const unknown = await client().auth.signInWithPassword({ email: 'nobody@example.com', password: 'wrong password' });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    const weak = await client().auth.signUp({ email: 'weak@example.com', password: '123' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    expect((weak.error as { reasons?: string[] }).reasons).toEqual(['length']);
    const bad = await client().auth.signUp({ email: 'not an email', password: 'long enough' });
    expect(bad.error).toMatchObject({ status: 400, code: 'email_address_invalid' });
    const res = await fetch(`${base}/auth/v1/token?grant_type=password`, { method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await res.json()).toMatchObject({ code: 'bad_json' });
  });

  it('rotates refresh tokens, hands the active one back to a client that lost it, and revokes the family on late reuse', async () => {
    const c = client();
    const { data } = await c.auth.signInWithPassword({ email: 'ada@example.com', password: 'correct horse' });
    const first = data.session!.refresh_token;
    const r1 = await c.auth.refreshSession({ refresh_token: first });
    const second = r1.data.session!.refresh_token;
    expect(second).not.toBe(first);
    // The response got lost: the same token again returns the active one rather than a new one.
    const again = await c.auth.refreshSession({ refresh_token: first });
    expect(again.data.session!.refresh_token).toBe(second);
    const r2 = await c.auth.refreshSession({ refresh_token: second });
    const third = r2.data.session!.refresh_token;
    const rows = (await t.sql.query(`SELECT token FROM auth.refresh_tokens WHERE session_id = $1`, [decode(r2.data.session!.access_token).session_id])).rows;
    expect(rows.map((r) => r.token)).not.toContain(third);
    // Within the reuse interval an older revoked token still works: it gets a new child (GoTrue's swap).
    const sibling = await c.auth.refreshSession({ refresh_token: first });
    expect(sibling.error).toBeNull();
    expect([first, second, third]).not.toContain(sibling.data.session!.refresh_token);
    expect((await c.auth.refreshSession({ refresh_token: sibling.data.session!.refresh_token })).error).toBeNull();

    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { refresh_token_reuse_interval: 0 } });
    try {
      const reused = await c.auth.refreshSession({ refresh_token: second });
      expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
      const family = await c.auth.refreshSession({ refresh_token: third });
      expect(family.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { refresh_token_reuse_interval: 10 } });
    }
    const unknown = await c.auth.refreshSession({ refresh_token: 'nope' });
    expect(unknown.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('sign-out revokes: local ends one session, global all of them', async () => {
    const a = client();
    const b = client();
    const sa = (await a.auth.signInWithPassword({ email: 'ada@example.com', password: 'correct horse' })).data.session!;
    const sb2 = (await b.auth.signInWithPassword({ email: 'ada@example.com', password: 'correct horse' })).data.session!;
    expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull();
    // auth-js turns session_not_found into AuthSessionMissingError (and drops its session); the wire says 403.
    expect((await client().auth.getUser(sa.access_token)).error?.name).toBe('AuthSessionMissingError');
    const raw = await fetch(`${base}/auth/v1/user`, { headers: { apikey: t.anonKey, authorization: `Bearer ${sa.access_token}` } });
    expect([raw.status, ((await raw.json()) as { code: string }).code]).toEqual([403, 'session_not_found']);
    expect((await client().auth.refreshSession({ refresh_token: sa.refresh_token })).error).toMatchObject({ code: 'refresh_token_not_found' });
    expect((await client().auth.getUser(sb2.access_token)).data.user?.email).toBe('ada@example.com');
    expect((await b.auth.signOut()).error).toBeNull();
    expect((await client().auth.getUser(sb2.access_token)).error?.name).toBe('AuthSessionMissingError');
  });

  it('updates the user: metadata, password (old one stops working)', async () => {
    const c = client();
    await c.auth.signInWithPassword({ email: 'ada@example.com', password: 'correct horse' });
    const { data, error } = await c.auth.updateUser({ password: 'battery staple', data: { name: 'Ada L.', plan: 'pro' } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toMatchObject({ name: 'Ada L.', plan: 'pro' });
    const same = await c.auth.updateUser({ password: 'battery staple' });
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' });
    expect((await client().auth.signInWithPassword({ email: 'ada@example.com', password: 'correct horse' })).error?.code).toBe('invalid_credentials');
    expect((await client().auth.signInWithPassword({ email: 'ada@example.com', password: 'battery staple' })).error).toBeNull();
  });

  it('limits repeated failed passwords per account with over_request_rate_limit', async () => {
    await client().auth.signUp({ email: 'brute@example.com', password: 'the real one' });
    let last;
    for (let i = 0; i < 11; i++) last = await client().auth.signInWithPassword({ email: 'brute@example.com', password: `guess ${i}` });
    expect(last!.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    expect((await client().auth.signInWithPassword({ email: 'brute@example.com', password: 'the real one' })).error).toMatchObject({ status: 429 });
  });
});

describe('anonymous users', () => {
  it('signs in anonymously and later becomes a permanent user by adding an email', async () => {
    const c = client();
    const { data, error } = await c.auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, app_metadata: { provider: 'anonymous', providers: ['anonymous'] }, identities: [], email: '' });
    expect(decode(data.session!.access_token)).toMatchObject({ is_anonymous: true, role: 'authenticated', amr: [{ method: 'anonymous' }] });
    const upgraded = await c.auth.updateUser({ email: 'anon-upgraded@example.com' });
    expect(upgraded.error).toBeNull();
    expect(upgraded.data.user).toMatchObject({ email: 'anon-upgraded@example.com', is_anonymous: false });

    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_anonymous_sign_ins: false } });
    try {
      expect((await client().auth.signInAnonymously()).error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled' });
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_anonymous_sign_ins: true } });
    }
  });
});

describe('links and codes from the local inbox', () => {
  it('magic link: the emailed link signs the user in (303 to the app with the session in the fragment)', async () => {
    const { error } = await client().auth.signInWithOtp({ email: 'magic@example.com', options: { emailRedirectTo: 'http://localhost:3000/welcome' } });
    expect(error).toBeNull();
    const mail = await latestMessage(t, 'magic@example.com');
    expect(mail.kind).toBe('magiclink');
    expect(mail.otp).toMatch(/^\d{6}$/);
    expect(mail.link).toMatch(new RegExp(`^${base}/auth/v1/verify\\?token=[0-9a-f]{56}&type=magiclink&redirect_to=`));
    const res = await fetch(mail.link!, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://localhost:3000/welcome');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('type')).toBe('magiclink');
    const c = client();
    const set = await c.auth.setSession({ access_token: fragment.get('access_token')!, refresh_token: fragment.get('refresh_token')! });
    expect(set.data.user?.email).toBe('magic@example.com');
    expect(set.data.user?.email_confirmed_at).toBeTruthy();
    // A link works once.
    const second = await fetch(mail.link!, { redirect: 'manual' });
    expect(new URLSearchParams(new URL(second.headers.get('location')!).hash.slice(1)).get('error_code')).toBe('otp_expired');
  });

  it('email OTP: the code from the inbox verifies; a wrong code is otp_expired', async () => {
    await client().auth.signInWithOtp({ email: 'code@example.com' });
    const mail = await latestMessage(t, 'code@example.com');
    const wrong = await client().auth.verifyOtp({ email: 'code@example.com', token: '000000', type: 'email' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' });
    const { data, error } = await client().auth.verifyOtp({ email: 'code@example.com', token: mail.otp!, type: 'email' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe('code@example.com');
    const disabled = await client().auth.signInWithOtp({ email: 'nobody-yet@example.com', options: { shouldCreateUser: false } });
    expect(disabled.error).toMatchObject({ status: 422, code: 'otp_disabled' });
  });

  it('with confirmations on, sign-up returns a user and the inbox holds the confirmation; PKCE completes with a code', async () => {
    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_confirmations: true } });
    try {
      const pkce = supabaseClient(base, t.anonKey, { flowType: 'pkce' });
      const { data, error } = await pkce.auth.signUp({ email: 'confirm@example.com', password: 'long enough', options: { emailRedirectTo: 'http://127.0.0.1:3000/cb' } });
      expect(error).toBeNull();
      expect(data.session).toBeNull();
      expect(data.user?.email_confirmed_at).toBeUndefined();
      const early = await client().auth.signInWithPassword({ email: 'confirm@example.com', password: 'long enough' });
      expect(early.error).toMatchObject({ status: 400, code: 'email_not_confirmed' });
      const mail = await latestMessage(t, 'confirm@example.com');
      expect(mail).toMatchObject({ kind: 'signup', subject: 'Confirm Your Signup' });
      expect(mail.link).toContain('token=pkce_');
      const res = await fetch(mail.link!, { redirect: 'manual' });
      const code = new URL(res.headers.get('location')!).searchParams.get('code');
      expect(code).toBeTruthy();
      const exchanged = await pkce.auth.exchangeCodeForSession(code!);
      expect(exchanged.error).toBeNull();
      expect(exchanged.data.user?.email_confirmed_at).toBeTruthy();
      expect((await client().auth.signInWithPassword({ email: 'confirm@example.com', password: 'long enough' })).error).toBeNull();
      // The repeated sign-up of a confirmed address answers like a new one (no enumeration).
      const again = await client().auth.signUp({ email: 'confirm@example.com', password: 'long enough' });
      expect(again.error).toBeNull();
      expect(again.data.user?.id).not.toBe(data.user?.id);
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_confirmations: false } });
    }
  });

  it('email change with confirmations on: both addresses confirm, then the address changes', async () => {
    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_confirmations: true } });
    try {
      const c = client();
      await t.service({ method: 'POST', url: '/auth/v1/admin/users', headers: { authorization: `Bearer ${t.serviceKey}` },
        payload: { email: 'old-address@example.com', password: 'changing address', email_confirm: true } });
      await c.auth.signInWithPassword({ email: 'old-address@example.com', password: 'changing address' });
      const asked = await c.auth.updateUser({ email: 'new-address@example.com' });
      expect(asked.error).toBeNull();
      expect(asked.data.user).toMatchObject({ email: 'old-address@example.com', new_email: 'new-address@example.com' });
      const toNew = await latestMessage(t, 'new-address@example.com');
      const toOld = await latestMessage(t, 'old-address@example.com');
      expect([toNew.kind, toOld.kind]).toEqual(['email_change', 'email_change_current']);
      const first = await client().auth.verifyOtp({ email: 'new-address@example.com', token: toNew.otp!, type: 'email_change' });
      expect(first.error).toBeNull();
      expect((await c.auth.getUser()).data.user?.email).toBe('old-address@example.com');
      const second = await client().auth.verifyOtp({ email: 'old-address@example.com', token: toOld.otp!, type: 'email_change' });
      expect(second.error).toBeNull();
      expect(second.data.user?.email).toBe('new-address@example.com');
      expect((await client().auth.signInWithPassword({ email: 'new-address@example.com', password: 'changing address' })).error).toBeNull();

      // resend of a pending sign-up confirmation, and a reauthentication nonce for a password change
      await client().auth.signUp({ email: 'resend-me@example.com', password: 'resend me' });
      await new Promise((r) => setTimeout(r, 1100));
      expect((await client().auth.resend({ type: 'signup', email: 'resend-me@example.com' })).error).toBeNull();
      const mails = (await t.service({ method: 'GET', url: '/api/auth/inbox?recipient=resend-me@example.com' })).json().messages;
      expect(mails.map((m: { kind: string }) => m.kind)).toEqual(['signup', 'signup']);
      expect((await c.auth.reauthenticate()).error).toBeNull();
      const nonce = (await latestMessage(t, 'new-address@example.com')).otp!;
      expect((await c.auth.updateUser({ password: 'changed with a nonce', nonce: '000000' === nonce ? '111111' : '000000' })).error).toMatchObject({ status: 400, code: 'reauthentication_not_valid' });
      expect((await c.auth.updateUser({ password: 'changed with a nonce', nonce })).error).toBeNull();
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { enable_confirmations: false } });
    }
  });

  it('password recovery: the emailed code signs in and the password can be changed', async () => {
    await client().auth.signUp({ email: 'forgot@example.com', password: 'old password' });
    expect((await client().auth.resetPasswordForEmail('forgot@example.com')).error).toBeNull();
    expect((await client().auth.resetPasswordForEmail('unknown-person@example.com')).error).toBeNull();
    const mail = await latestMessage(t, 'forgot@example.com');
    expect(mail.kind).toBe('recovery');
    const c = client();
    const { error } = await c.auth.verifyOtp({ email: 'forgot@example.com', token: mail.otp!, type: 'recovery' });
    expect(error).toBeNull();
    expect((await c.auth.updateUser({ password: 'new password' })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email: 'forgot@example.com', password: 'new password' })).error).toBeNull();
  });

  it('phone: sign-up with a password, and an SMS code in the inbox', async () => {
    const c = client();
    const { data, error } = await c.auth.signUp({ phone: '+1 555 010 0001', password: 'phone pass' });
    expect(error).toBeNull();
    expect(data.user?.phone).toBe('15550100001');
    expect((await client().auth.signInWithPassword({ phone: '+15550100001', password: 'phone pass' })).error).toBeNull();
    const otp = await client().auth.signInWithOtp({ phone: '+15550100001' });
    expect(otp.error).toBeNull();
    expect(otp.data.messageId).toBeTruthy();
    const sms = await latestMessage(t, '15550100001');
    const verified = await client().auth.verifyOtp({ phone: '+15550100001', token: sms.otp!, type: 'sms' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.phone).toBe('15550100001');

    // A user with an email and a phone: the SMS code is bound to the phone number.
    const created = await t.service({ method: 'POST', url: '/auth/v1/admin/users', headers: { authorization: `Bearer ${t.serviceKey}` },
      payload: { email: 'both@example.com', phone: '15550100002', email_confirm: true, phone_confirm: true } });
    expect(created.statusCode).toBe(200);
    await client().auth.signInWithOtp({ phone: '+15550100002' });
    const code = (await latestMessage(t, '15550100002')).otp!;
    const both = await client().auth.verifyOtp({ phone: '15550100002', token: code, type: 'sms' });
    expect(both.error).toBeNull();
    expect(both.data.user?.email).toBe('both@example.com');
  });
});

describe('public endpoints', () => {
  it('settings, health and the JWKS need no key', async () => {
    const settings = await (await fetch(`${base}/auth/v1/settings`)).json();
    expect(settings).toMatchObject({ external: { email: true, anonymous_users: true }, disable_signup: false, mailer_autoconfirm: true });
    expect(((await (await fetch(`${base}/auth/v1/health`)).json()) as { name: string }).name).toBe('GoTrue');
    const jwks = await (await fetch(`${base}/auth/v1/.well-known/jwks.json`)).json() as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0].d).toBeUndefined();
    const oauth = await fetch(`${base}/auth/v1/authorize?provider=myspace`);
    expect([oauth.status, ((await oauth.json()) as { code: string }).code]).toEqual([400, 'validation_failed']);
  });

  it('MFA: enrolls a TOTP factor, verifies a code (aal2), lists and unenrolls it; off, GoTrue\'s disabled error', async () => {
    const c = client();
    await c.auth.signUp({ email: 'mfa@example.com', password: 'two factors' });
    const enrolled = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone app' });
    expect(enrolled.error).toBeNull();
    const factor = enrolled.data!;
    expect(factor.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(factor.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);
    const totp = new TOTP({ secret: Secret.fromBase32(factor.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 });
    const challenge = await c.auth.mfa.challenge({ factorId: factor.id });
    expect((await c.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.data!.id, code: '000000' === totp.generate() ? '111111' : '000000' })).error)
      .toMatchObject({ status: 422, code: 'mfa_verification_failed' });
    const verified = await c.auth.mfa.challengeAndVerify({ factorId: factor.id, code: totp.generate() });
    expect(verified.error).toBeNull();
    const claims = decode(verified.data!.access_token);
    expect(claims.aal).toBe('aal2');
    expect(claims.amr.map((a: { method: string }) => a.method)).toEqual(expect.arrayContaining(['totp', 'password']));
    expect((await c.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect((await c.auth.mfa.listFactors()).data?.totp.map((f) => f.id)).toEqual([factor.id]);
    // A new sign-in starts at aal1 and must step up; refreshing keeps aal2.
    const other = client();
    await other.auth.signInWithPassword({ email: 'mfa@example.com', password: 'two factors' });
    expect((await other.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
    const refreshed = await c.auth.refreshSession();
    expect(decode(refreshed.data.session!.access_token).aal).toBe('aal2');
    expect((await other.auth.mfa.unenroll({ factorId: factor.id })).error).toMatchObject({ status: 403, code: 'insufficient_aal' });
    expect((await c.auth.mfa.unenroll({ factorId: factor.id })).error).toBeNull();

    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { mfa_totp_enabled: false } });
    try {
      expect((await c.auth.mfa.enroll({ factorType: 'totp' })).error).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled' });
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { mfa_totp_enabled: true } });
    }
  });
});
