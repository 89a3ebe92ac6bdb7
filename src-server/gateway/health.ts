// Health as the gateway sees it: each module is up when its plugin is loaded and what it depends on answers (a
// round trip on the pool it queries, the LISTEN connection for the modules that wait on notifications); each
// upstream is up when something answers HTTP at its URL (any status: the service is there).
import { http, https } from '../node-http.js';
import type { TrestleContext } from '../context.js';
import type { GatewayRule, ModuleHealth, UpstreamHealth } from './types.js';

const PROBE_TIMEOUT_MS = 2_000;
/** Modules that serve user data on the API pool (the rest use the control database). */
const ON_API_POOL = new Set(['rest', 'storage', 'auth', 'realtime']);
/** Modules that need the LISTEN connection. */
const ON_LISTENER = new Set(['realtime', 'webhooks']);

const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Probe = { ok: true; latency: number } | { ok: false; error: string };

async function roundTrip(run: () => Promise<unknown>, what: string): Promise<Probe> {
  const t0 = performance.now();
  try {
    await withTimeout(run(), what);
    return { ok: true, latency: ms(t0) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export async function moduleHealth(ctx: TrestleContext): Promise<ModuleHealth[]> {
  // One probe per resource, shared by the modules that depend on it.
  const [api, control] = await Promise.all([
    roundTrip(() => ctx.databases.activeApi.query('SELECT 1'), 'database (API pool)'),
    roundTrip(() => ctx.databases.control.query('SELECT 1'), 'database (control)'),
  ]);
  return ctx.modules.map((m): ModuleHealth => {
    const base = { id: m.id, name: m.name };
    if (m.status !== 'available') return { ...base, status: 'not_available', latency_ms: null, check: 'module not built' };
    const probe = ON_API_POOL.has(m.id) ? api : control;
    const listens = ON_LISTENER.has(m.id);
    const check = `${ON_API_POOL.has(m.id) ? 'database round trip on the API pool' : 'database round trip on the control pool'}${listens ? ' and the LISTEN connection' : ''}`;
    if (!probe.ok) return { ...base, status: 'down', latency_ms: null, check, error: probe.error };
    if (listens && !ctx.listener.connected) return { ...base, status: 'down', latency_ms: null, check, error: 'the LISTEN connection to Postgres is down' };
    return { ...base, status: 'up', latency_ms: probe.latency, check };
  });
}

/** One GET to the URL, answered or not within the timeout; the body is not read. */
function probeUrl(url: string): Promise<{ status: number; latency: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.request(url, { method: 'GET', timeout: PROBE_TIMEOUT_MS, headers: { 'user-agent': 'trestle-gateway-health' } }, (res) => {
      resolve({ status: res.statusCode ?? 0, latency: ms(t0) });
      res.destroy();
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function upstreamHealth(rules: GatewayRule[]): Promise<UpstreamHealth[]> {
  const byUrl = new Map<string, string[]>();
  for (const r of rules) if (r.upstream) byUrl.set(r.upstream, [...(byUrl.get(r.upstream) ?? []), r.id]);
  return Promise.all([...byUrl].map(async ([url, ruleIds]): Promise<UpstreamHealth> => {
    try {
      const { status, latency } = await probeUrl(url);
      return { url, rule_ids: ruleIds, status: 'up', latency_ms: latency, status_code: status };
    } catch (err) {
      return { url, rule_ids: ruleIds, status: 'down', latency_ms: null, status_code: null, error: (err as Error).message };
    }
  }));
}
