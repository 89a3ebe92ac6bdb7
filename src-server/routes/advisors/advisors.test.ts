import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, urlFor, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;

interface Lint { name: string; metadata: Record<string, unknown> | null; cache_key: string; categories: string[]; fix?: { sql: string } | null }

/** Per lint: SQL that makes it fire for the object `hit`, and SQL for a look-alike `quiet` that must not. */
const CASES: Array<{ lint: string; kind: 'security' | 'performance'; hit: string; quiet: string; setup: string; key?: (l: Lint) => unknown }> = [
  {
    lint: 'rls_disabled_in_public', kind: 'security', hit: 'adv_open', quiet: 'adv_closed',
    setup: `CREATE TABLE public.adv_open (id int PRIMARY KEY); CREATE TABLE public.adv_closed (id int PRIMARY KEY); ALTER TABLE public.adv_closed ENABLE ROW LEVEL SECURITY;`,
  },
  {
    lint: 'policy_exists_rls_disabled', kind: 'security', hit: 'adv_pol_off', quiet: 'adv_pol_on',
    setup: `CREATE TABLE public.adv_pol_off (id int PRIMARY KEY); CREATE POLICY p ON public.adv_pol_off USING (true);
      CREATE TABLE public.adv_pol_on (id int PRIMARY KEY); ALTER TABLE public.adv_pol_on ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON public.adv_pol_on USING (true);`,
  },
  { lint: 'rls_enabled_no_policy', kind: 'security', hit: 'adv_closed', quiet: 'adv_pol_on', setup: '' },
  {
    lint: 'function_search_path_mutable', kind: 'security', hit: 'adv_mutable', quiet: 'adv_pinned',
    setup: `CREATE FUNCTION public.adv_mutable() RETURNS int LANGUAGE sql AS 'SELECT 1';
      CREATE FUNCTION public.adv_pinned() RETURNS int LANGUAGE sql SET search_path = '' AS 'SELECT 1';`,
  },
  {
    lint: 'security_definer_view', kind: 'security', hit: 'adv_definer', quiet: 'adv_invoker',
    setup: `CREATE VIEW public.adv_definer AS SELECT 1 AS x; CREATE VIEW public.adv_invoker WITH (security_invoker = on) AS SELECT 1 AS x;`,
  },
  {
    lint: 'auth_users_exposed', kind: 'security', hit: 'adv_users', quiet: 'adv_users_hidden',
    setup: `CREATE TABLE IF NOT EXISTS auth.users (id uuid PRIMARY KEY, email text);
      CREATE VIEW public.adv_users AS SELECT id, email FROM auth.users;
      CREATE VIEW public.adv_users_hidden AS SELECT id FROM auth.users; REVOKE ALL ON public.adv_users_hidden FROM anon, authenticated;`,
  },
  {
    lint: 'unindexed_foreign_keys', kind: 'performance', hit: 'adv_child', quiet: 'adv_child_ix',
    setup: `CREATE TABLE public.adv_parent (id int PRIMARY KEY, v int);
      CREATE TABLE public.adv_child (id int PRIMARY KEY, parent_id int REFERENCES public.adv_parent (id));
      CREATE TABLE public.adv_child_ix (id int PRIMARY KEY, parent_id int REFERENCES public.adv_parent (id)); CREATE INDEX ON public.adv_child_ix (parent_id);`,
  },
  { lint: 'no_primary_key', kind: 'performance', hit: 'adv_nopk', quiet: 'adv_parent', setup: `CREATE TABLE public.adv_nopk (x int);` },
  {
    lint: 'unused_index', kind: 'performance', hit: 'adv_unused_idx', quiet: 'adv_used_idx', key: (l) => l.metadata?.index,
    setup: `CREATE TABLE public.adv_scan (id int PRIMARY KEY, a int, b int);
      INSERT INTO public.adv_scan SELECT g, g, g FROM generate_series(1, 2000) g;
      CREATE INDEX adv_unused_idx ON public.adv_scan (a); CREATE INDEX adv_used_idx ON public.adv_scan (b); ANALYZE public.adv_scan;`,
  },
  {
    lint: 'duplicate_index', kind: 'performance', hit: 'adv_dup', quiet: 'adv_distinct',
    setup: `CREATE TABLE public.adv_dup (id int PRIMARY KEY, v int); CREATE INDEX adv_dup_a ON public.adv_dup (v); CREATE INDEX adv_dup_b ON public.adv_dup (v);
      CREATE TABLE public.adv_distinct (id int PRIMARY KEY, v int, w int); CREATE INDEX ON public.adv_distinct (v); CREATE INDEX ON public.adv_distinct (v, w);`,
  },
  {
    lint: 'multiple_permissive_policies', kind: 'performance', hit: 'adv_multi', quiet: 'adv_single',
    setup: `CREATE TABLE public.adv_multi (id int PRIMARY KEY); ALTER TABLE public.adv_multi ENABLE ROW LEVEL SECURITY;
      CREATE POLICY a ON public.adv_multi FOR SELECT TO anon USING (id > 0); CREATE POLICY b ON public.adv_multi FOR SELECT TO anon USING (id < 10);
      CREATE TABLE public.adv_single (id int PRIMARY KEY); ALTER TABLE public.adv_single ENABLE ROW LEVEL SECURITY;
      CREATE POLICY a ON public.adv_single FOR SELECT TO anon USING (id > 0); CREATE POLICY b ON public.adv_single AS RESTRICTIVE FOR SELECT TO anon USING (id < 10);`,
  },
  {
    lint: 'auth_rls_initplan', kind: 'performance', hit: 'adv_initplan', quiet: 'adv_initplan_ok',
    setup: `CREATE TABLE public.adv_initplan (id int PRIMARY KEY, owner text); ALTER TABLE public.adv_initplan ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.adv_initplan USING (auth.uid()::text = owner);
      CREATE TABLE public.adv_initplan_ok (id int PRIMARY KEY, owner text); ALTER TABLE public.adv_initplan_ok ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.adv_initplan_ok USING ((SELECT auth.uid())::text = owner);`,
  },
];

async function lints(kind: 'security' | 'performance'): Promise<Lint[]> {
  const res = await t.service({ method: 'GET', url: `/v1/advisors/${kind}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().lints;
}

let authUsersExisted = false;

beforeAll(async () => {
  t = await createTestApp();
  authUsersExisted = (await t.sql.query(`SELECT to_regclass('auth.users') IS NOT NULL AS ok`)).rows[0].ok;
});
afterAll(async () => t?.close());

describe('advisors', () => {
  it('stays quiet about auth.users while there is none', async () => {
    if (authUsersExisted) return;
    expect((await lints('security')).filter((l) => l.name === 'auth_users_exposed')).toEqual([]);
  });

  it('reports each lint for the object that triggers it and not for its fixed look-alike, in Supabase\'s shape', async () => {
    for (const c of CASES) if (c.setup) await t.sql.query(c.setup);
    // The used index gets a scan, counted once this session's statistics are flushed.
    const scanner = new pg.Client({ connectionString: urlFor(t.database) });
    await scanner.connect();
    await scanner.query('SET enable_seqscan = off; SET enable_bitmapscan = off');
    await scanner.query('SELECT * FROM public.adv_scan WHERE b = 5');
    await scanner.query('SELECT pg_stat_force_next_flush()');
    await scanner.end();
    await expect.poll(async () => (await t.sql.query(`SELECT idx_scan::int AS idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'adv_used_idx'`)).rows[0].idx_scan, { timeout: 5_000 })
      .toBeGreaterThan(0);

    const found = { security: await lints('security'), performance: await lints('performance') };
    for (const c of CASES) {
      const named = (object: string) => found[c.kind].filter((l) => l.name === c.lint && (c.key ? c.key(l) : l.metadata?.name) === object);
      expect(named(c.hit), `${c.lint} on ${c.hit}`).toHaveLength(1);
      expect(named(c.quiet), `${c.lint} on ${c.quiet}`).toEqual([]);
      const lint = named(c.hit)[0] as Lint & Record<string, unknown>;
      expect(Object.keys(lint).sort()).toEqual(['cache_key', 'categories', 'description', 'detail', 'facing', 'level', 'metadata', 'name', 'remediation', 'title']);
      expect(lint).toMatchObject({ facing: 'EXTERNAL', categories: [c.kind.toUpperCase()], remediation: expect.stringContaining(`_${c.lint}`) });
    }
  });

  it('fixes a lint with the SQL the dashboard showed', async () => {
    const listed = await t.service({ method: 'GET', url: '/api/advisors?type=security' });
    expect(listed.statusCode, listed.body).toBe(200);
    const all = listed.json().lints;
    const open = all.find((l: Lint) => l.name === 'rls_disabled_in_public' && l.metadata?.name === 'adv_open');
    expect(open.fix.sql).toBe('ALTER TABLE public.adv_open ENABLE ROW LEVEL SECURITY;');
    const fixed = await t.service({ method: 'POST', url: '/api/advisors/fix', payload: { cache_key: open.cache_key } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().lints.some((l: Lint) => l.cache_key === open.cache_key)).toBe(false);
    expect((await t.sql.query(`SELECT relrowsecurity FROM pg_class WHERE oid = 'public.adv_open'::regclass`)).rows[0].relrowsecurity).toBe(true);
    const again = await t.service({ method: 'POST', url: '/api/advisors/fix', payload: { cache_key: open.cache_key } });
    expect(again.json().code).toBe('LINT_NOT_FOUND');

    const perf = (await t.service({ method: 'GET', url: '/api/advisors?type=performance' })).json().lints;
    for (const name of ['unindexed_foreign_keys', 'duplicate_index', 'auth_rls_initplan', 'no_primary_key']) {
      const lint = perf.find((l: Lint) => l.name === name);
      const res = await t.service({ method: 'POST', url: '/api/advisors/fix', payload: { cache_key: lint.cache_key } });
      expect(res.statusCode, `${name}: ${lint.fix?.sql} → ${res.body}`).toBe(200);
      expect(res.json().lints.some((l: Lint) => l.cache_key === lint.cache_key)).toBe(false);
    }
    const multi = perf.find((l: Lint) => l.name === 'multiple_permissive_policies');
    expect((await t.service({ method: 'POST', url: '/api/advisors/fix', payload: { cache_key: multi.cache_key } })).json().code).toBe('NO_AUTOMATIC_FIX');
  });
});
