// Users live in the project database: a branch (a template copy) starts with main's users and then has its own,
// its own inbox too; sign-ups are in Trestle's audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { authClient as supabaseClient } from '../../../test/helpers/supabase.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.end(); // the helper's client would hold the main database open (a branch is a template copy)
  base = await t.listen();
});
afterAll(async () => t?.close());

const signUp = (email: string) => supabaseClient(base, t.anonKey).auth.signUp({ email, password: 'branch password' });
const signIn = (email: string) => supabaseClient(base, t.anonKey).auth.signInWithPassword({ email, password: 'branch password' });

describe('auth and branches', () => {
  it('a branch has main\'s users at copy time, then its own; main is untouched', async () => {
    expect((await signUp('before-branch@example.com')).error).toBeNull();
    const created = await t.service({ method: 'POST', url: '/api/branches', payload: { label: 'auth branch' } });
    expect(created.statusCode, created.body).toBe(201);
    const { branch } = created.json();
    expect((await t.service({ method: 'POST', url: `/api/branches/${branch.id}/activate` })).statusCode).toBe(200);
    try {
      expect((await signIn('before-branch@example.com')).error).toBeNull();
      expect((await signUp('branch-only@example.com')).error).toBeNull();
      await supabaseClient(base, t.anonKey).auth.signInWithOtp({ email: 'branch-only@example.com' });
      const inbox = (await t.service({ method: 'GET', url: '/api/auth/inbox?recipient=branch-only@example.com' })).json();
      expect(inbox.messages).toHaveLength(1);
    } finally {
      await t.service({ method: 'POST', url: '/api/branches/main/activate' });
    }
    expect((await signIn('branch-only@example.com')).error?.code).toBe('invalid_credentials');
    expect((await signIn('before-branch@example.com')).error).toBeNull();
    expect((await t.service({ method: 'GET', url: '/api/auth/inbox?recipient=branch-only@example.com' })).json().messages).toHaveLength(0);
  });

  it('records sign-ups in the audit log', async () => {
    const { data } = await signUp('audited@example.com');
    const log = (await t.service({ method: 'GET', url: '/v1/audit-logs?action=auth.user.signup' })).json();
    expect(log.entries ?? log.items ?? log.logs ?? log).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'auth.user.signup', resource_type: 'auth_user', resource_id: data.user!.id }),
    ]));
  });
});
