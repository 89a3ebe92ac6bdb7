// The evaluator on its own: the request hook's short candidate lists decide exactly as walking every rule does (what
// the tester shows), and route paths are built so that globs see one segment per parameter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile.js';
import { evaluate, type Caller, type Facts } from './evaluate.js';
import { compileGlob } from './glob.js';
import { globOfRoute, routePath } from './route-path.js';
import type { GatewayRule, RuleMethod, TestStep } from './types.js';

const GLOBS = ['/v1/db/orders', '/v1/db/*', '/v1/db/**', '/v1/db/{orders,items}', '/v1/db/rpc/*', '/rest/v1/items', '/rest/**', '/v1/**',
  '/storage/v1/object/*/**', '/storage/v1/object/public/**', '/functions/v1/**', '/functions/v1/hello', '/functions/v1/he*/x', '/**'];
const PATHS = [['/v1/db/orders', '/rest/v1/orders'], ['/v1/db/items', '/rest/v1/items'], ['/v1/db/rpc/f', '/rest/v1/rpc/f'], ['/storage/v1/object/public/a/b'],
  ['/storage/v1/object/private/x'], ['/functions/v1/hello'], ['/functions/v1/hex/x'], ['/functions/v1'], ['/auth/v1/signup']];
const METHODS: RuleMethod[] = ['GET', 'POST', 'DELETE'];

const arbRule = fc.record({
  path: fc.constantFrom(...GLOBS),
  methods: fc.subarray(METHODS),
  authorize: fc.constantFrom<GatewayRule['authorize']>({ allow: true }, { deny: true }, { roles: ['authenticated'] }, { roles: ['anon', 'service_role'] }),
  authenticate: fc.constantFrom<GatewayRule['authenticate']>(['api_key'], ['jwt'], ['anonymous']),
  upstream: fc.option(fc.constant('http://127.0.0.1:9000'), { nil: null }),
  enabled: fc.boolean(),
});

function rules(specs: Array<typeof arbRule extends fc.Arbitrary<infer T> ? T : never>): GatewayRule[] {
  return specs.map((s, i) => ({
    id: `r${i}`, description: '', match: { methods: s.methods, path: s.path }, authenticate: s.authenticate, authorize: s.authorize,
    rate_limit: null, upstream: s.upstream, enabled: s.enabled, system: false, position: i, route: null, created_at: null, updated_at: null,
  }));
}

const outcome = (v: ReturnType<typeof evaluate>) => (v.allowed ? { allowed: true, rule: v.rule?.rule.id, upstream: v.upstream?.rule.id } : { allowed: false, rule: v.rule.rule.id, code: v.error.code });

describe('evaluate', () => {
  it('decides the same from the candidate lists as from walking every rule', () => {
    fc.assert(fc.property(
      fc.array(arbRule, { maxLength: 12 }), fc.constantFrom(...PATHS), fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'PUT'),
      fc.constantFrom<Caller>({ kind: 'anonymous', role: 'anon' }, { kind: 'api_key', role: 'anon' }, { kind: 'jwt', role: 'authenticated' }, { kind: 'api_key', role: 'service_role' }),
      (specs, paths, method, caller) => {
        const compiled = compileRules(rules(specs));
        const upstreamMount = paths[0].startsWith('/functions/v1');
        const facts: Facts = { method, paths, caller, upstreamMount };
        const trace: TestStep[] = [];
        // Twice: the second call is answered from the cached candidate list.
        expect(outcome(evaluate(compiled, facts))).toEqual(outcome(evaluate(compiled, facts, trace)));
        expect(outcome(evaluate(compiled, facts))).toEqual(outcome(evaluate(compiled, facts, [])));
      },
    ), { numRuns: 2000 });
  });

  it('treats HEAD as GET and an empty method list as every method', () => {
    const compiled = compileRules(rules([
      { path: '/v1/db/orders', methods: ['GET'], authorize: { deny: true }, authenticate: ['api_key'], upstream: null, enabled: true },
      { path: '/v1/db/items', methods: [], authorize: { deny: true }, authenticate: ['api_key'], upstream: null, enabled: true },
    ]));
    const caller: Caller = { kind: 'api_key', role: 'anon' };
    expect(evaluate(compiled, { method: 'HEAD', paths: ['/v1/db/orders'], caller, upstreamMount: false }).allowed).toBe(false);
    expect(evaluate(compiled, { method: 'PROPFIND', paths: ['/v1/db/items'], caller, upstreamMount: false }).allowed).toBe(false);
    expect(evaluate(compiled, { method: 'POST', paths: ['/v1/db/orders'], caller, upstreamMount: false }).allowed).toBe(true);
  });
});

describe('route paths', () => {
  it('keep a parameter in one segment and let globs see dot segments', () => {
    const data = routePath('/v1/db/:table');
    expect(data.paths({ table: 'orders' })).toEqual(['/v1/db/orders', '/rest/v1/orders']);
    expect(data.paths({ table: 'a/b' })).toEqual(['/v1/db/a%2Fb', '/rest/v1/a%2Fb']);
    expect(data.paths({ table: '..' })).toEqual(['/v1/db/%2E%2E', '/rest/v1/%2E%2E']);
    expect(data.paths({ table: '100%' })[0]).toBe('/v1/db/100%25');
    const star = compileGlob('/v1/db/*');
    expect(star.ok && star.regex.test(data.paths({ table: '..' })[0])).toBe(true);
    const files = routePath('/storage/v1/object/:bucket/*');
    expect(files.paths({ bucket: 'private', '*': 'a/../b' })).toEqual(['/storage/v1/object/private/a/%2E%2E/b']);
    expect(routePath('/healthz').paths({})).toEqual(['/healthz']);
    expect(routePath('/rest/v1/rpc/:fn').paths({ fn: 'f' })).toEqual(['/rest/v1/rpc/f', '/v1/db/rpc/f']);
  });

  it('turn route patterns into globs for system rules', () => {
    expect(globOfRoute('/v1/db/:table')).toBe('/v1/db/*');
    expect(globOfRoute('/storage/v1/object/:bucket/*')).toBe('/storage/v1/object/*/**');
    expect(globOfRoute('/v1/sql')).toBe('/v1/sql');
  });
});
