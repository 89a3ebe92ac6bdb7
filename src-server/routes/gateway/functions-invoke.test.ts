// supabase.functions.invoke() against Trestle: /functions/v1 is a gateway upstream mount, answered (with CORS) even
// before any rule routes it to a local service.
import { createClient, FunctionsHttpError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('functions.invoke', () => {
  it('answers Edge Functions calls without an upstream rule with NO_UPSTREAM, to browser apps too (CORS)', async () => {
    const base = await t.listen();
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${base}/functions/v1/hello`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey, authorization, x-client-info, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);

    const supabase = createClient(base, t.anonKey, { auth: { persistSession: false }, global: { headers: { origin } } });
    const { error } = await supabase.functions.invoke('hello', { body: { name: 'tour' } });
    expect(error).toBeInstanceOf(FunctionsHttpError);
    const res = (error as FunctionsHttpError).context as Response;
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await res.json()).toMatchObject({ code: 'NO_UPSTREAM' });
  });
});
