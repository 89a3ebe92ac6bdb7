// Hardening: thousands of generated query strings, select expressions, bodies and headers against /v1/db.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE TABLE canary (id int PRIMARY KEY, secret text);
    INSERT INTO canary SELECT g, 'row ' || g FROM generate_series(1, 20) g;
    CREATE TABLE fuzz (id serial PRIMARY KEY, name text, n int, data jsonb, tags text[], canary_id int REFERENCES canary(id), r int4range, doc tsvector);
    UPDATE trestle.api_keys SET rate_limit = 100000;
    INSERT INTO fuzz (name, n, data, tags, canary_id) SELECT 'n' || g, g, jsonb_build_object('k', g), ARRAY['a', 'b'], g FROM generate_series(1, 20) g;
    CREATE FUNCTION echo(x text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT x';
  `);
});
afterAll(async () => t?.close());

async function keysRefreshed(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const res = await t.anon({ method: 'GET', url: '/v1/db/canary?limit=1' });
    if (res.headers['x-ratelimit-limit'] === '100000') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SQLISH = ["'", '"', ';', '--', '/*', '*/', '$$', "'; DROP TABLE canary; --", '") OR 1=1 --', 'canary', 'pg_sleep(10)', '\\', '\u0000', '%', '*',
  '(', ')', ',', '.', '{', '}', '[', ']', ':', '::', '->', '->>', '!', '!inner', 'é', '🦄', '\u202e', 'null', 'not.', 'or', 'and'];
const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxl', 'nxr', 'adj', 'fts', 'plfts', 'phfts', 'wfts',
  'match', 'imatch', 'isdistinct', 'eq(any)', 'like(all)', 'fts(english)', 'fts(nope)', 'bogus'];
const COLS = ['id', 'name', 'n', 'data', 'tags', 'canary_id', 'r', 'doc', 'data->k', 'data->>k', 'canary.secret', 'canary.id', 'nope'];

const fragment = fc.oneof(fc.constantFrom(...SQLISH), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.integer().map(String));
const text = fc.array(fragment, { maxLength: 6 }).map((a) => a.join(''));
const longText = fc.oneof({ weight: 20, arbitrary: text }, { weight: 1, arbitrary: fc.nat({ max: 3 }).map((k) => 'x('.repeat(2000 * (k + 1))) });
const value = fc.oneof(text, fc.array(text, { maxLength: 4 }).map((a) => `(${a.join(',')})`), fc.array(text, { maxLength: 4 }).map((a) => `{${a.join(',')}}`));
const filter = fc.tuple(fc.oneof(fc.constantFrom(...COLS), text), fc.boolean(), fc.constantFrom(...OPS), value)
  .map(([c, not, op, v]) => [c, `${not ? 'not.' : ''}${op}.${v}`] as [string, string]);
const logic = fc.tuple(fc.constantFrom('or', 'and', 'not.or', 'canary.or'), fc.array(fc.tuple(fc.constantFrom(...COLS), fc.constantFrom(...OPS), text), { maxLength: 4 }), text)
  .map(([k, items, junk]) => [k, `(${items.map(([c, o, v]) => `${c}.${o}.${v}`).join(',')}${junk})`] as [string, string]);
const selectExpr = fc.array(fc.oneof(fc.constantFrom('*', 'id', 'name:name', 'n::text', 'data->k', 'data->>k', 'canary(*)', 'canary!inner(id,secret)', 'c:canary_id(secret)', 'fuzz(*)', 'nope(x)', 'n::bogus'), text), { maxLength: 5 })
  .map((a) => a.join(','));
const param = fc.oneof(
  { weight: 5, arbitrary: filter }, { weight: 2, arbitrary: logic },
  { weight: 2, arbitrary: selectExpr.map((s) => ['select', s] as [string, string]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('order', 'limit', 'offset', 'columns', 'on_conflict', 'canary.order', 'canary.limit'), longText) },
  { weight: 1, arbitrary: fc.tuple(text, longText) },
);
/** Present about a third of the time. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const headers = fc.record({
  prefer: fc.option(fc.array(fc.constantFrom('return=minimal', 'return=representation', 'return=headers-only', 'count=exact', 'count=planned', 'count=estimated',
    'resolution=merge-duplicates', 'resolution=ignore-duplicates', 'missing=default', 'tx=rollback', 'garbage'), { maxLength: 4 }).map((a) => a.join(', ')), { nil: undefined }),
  accept: maybe(fc.constantFrom('application/json', 'text/csv', 'application/vnd.pgrst.object+json', '*/*', 'text/html', 'application/vnd.pgrst.plan+text')),
  range: maybe(fc.oneof(fc.constantFrom('0-9', '5-', '10-2', 'bytes=1-2'), text)),
  'accept-profile': maybe(fc.constantFrom('public', 'trestle', 'pg_catalog', "x'y")),
  'content-profile': maybe(fc.constantFrom('public', 'auth', "x'y")),
  authorization: maybe(fc.oneof(fc.constant('jwt'), text.map((s) => `Bearer ${s}`))),
}, { requiredKeys: [] });
const jsonBody = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'n', 'data', 'tags', 'nope', 'canary_id'), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }));
const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PATCH', 'DELETE'),
  target: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('fuzz', 'canary', 'rpc/echo') }, { weight: 1, arbitrary: text }),
  params: fc.array(param, { maxLength: 5 }),
  headers,
  body: maybe(jsonBody),
  anon: fc.boolean(),
});

type Req = typeof request extends fc.Arbitrary<infer R> ? R : never;

function toInject(r: Req): InjectOptions {
  const mutation = r.method === 'POST' || r.method === 'PATCH' || r.method === 'DELETE';
  // Writes go to the fuzz table only: the canary must come through untouched.
  const target = mutation && r.target === 'canary' ? 'fuzz' : r.target;
  const qs = new URLSearchParams(r.params).toString();
  const hdrs: Record<string, string> = { apikey: r.anon ? t.anonKey : t.serviceKey };
  for (const [k, v] of Object.entries(r.headers)) {
    if (v === undefined) continue;
    hdrs[k] = k === 'authorization' && v === 'jwt' ? `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: 'fuzzer' })}` : v.replace(/[^\t\x20-\x7e]/g, '?');
  }
  const opts: InjectOptions = { method: r.method as InjectOptions['method'], url: `/v1/db/${encodeURIComponent(target).replace(/%2F/g, '/')}${qs ? `?${qs}` : ''}`, headers: hdrs };
  if (r.method !== 'GET' && r.method !== 'HEAD') {
    hdrs['content-type'] = 'application/json';
    opts.payload = r.body === undefined ? '' : JSON.stringify(r.body);
  }
  return opts;
}

describe('fuzzing /v1/db', () => {
  it('10,000 generated requests: no 5xx, no hang, canary unchanged', async () => {
    await keysRefreshed();
    const before = (await t.sql.query('SELECT md5(string_agg(id || secret, \',\' ORDER BY id)) AS h FROM canary')).rows[0].h;
    const seed = Number(process.env.FUZZ_SEED ?? 20261129);
    const samples = fc.sample(request, { numRuns: 10_000, seed });
    const failures: Array<{ status: number; req: InjectOptions; body: string }> = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 16) {
      await Promise.all(samples.slice(i, i + 16).map(async (r) => {
        const opts = toInject(r);
        let timer: NodeJS.Timeout | undefined;
        const res = await Promise.race([
          t.app.inject(opts),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hung: ${opts.method} ${opts.url}`)), 15_000))),
        ]).finally(() => clearTimeout(timer));
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500 || res.body.includes('    at ')) failures.push({ status: res.statusCode, req: opts, body: res.body.slice(0, 300) });
      }));
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    const after = (await t.sql.query('SELECT md5(string_agg(id || secret, \',\' ORDER BY id)) AS h FROM canary')).rows[0].h;
    expect(after).toBe(before);
    expect((await t.sql.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'canary'")).rows[0].n).toBe(1);
  }, 240_000);
});
