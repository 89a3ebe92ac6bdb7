// bench/auth: password sign-ins per second (bound by the bcrypt cost, printed) and refresh-token rotations per second
// through /auth/v1/token, with p50/p99, at 16 concurrent clients for BENCH_SECONDS (default 10) each.
// The load generator is a separate process, so the API process's CPU time per request can be reported too (on a
// shared, busy machine the rates fall with the load; CPU per request does not). Run: npm run bench -- auth
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loadConfig } from '../src-server/config.js';
import { PASSWORD_HASH_COST } from '../src-server/auth/passwords.js';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle } from '../src-server/start.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const USERS = 200;
/** BENCH_ONLY=signin or refresh runs one scenario. */
const ONLY = process.env.BENCH_ONLY;
const PASSWORD = 'bench password';

/** mode signin: random users sign in with their password; mode refresh: each lane rotates its own refresh token chain. */
const WORKER = `
const workerData = JSON.parse(process.env.BENCH_WORKER_DATA);
const http = require('node:http');
const { mode, url, apikey, seconds, concurrency, users, password, tokens } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const u = new URL(url);
function post(path, body) {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = http.request({ agent, host: u.hostname, port: u.port, method: 'POST', path,
      headers: { apikey, authorization: 'Bearer ' + apikey, 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(data);
  });
}
async function main() {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, lane) => {
    let refresh = tokens ? tokens[lane] : null;
    while (Date.now() < end) {
      const t0 = performance.now();
      const res = mode === 'signin'
        ? await post('/auth/v1/token?grant_type=password', { email: users[Math.floor(Math.random() * users.length)], password })
        : await post('/auth/v1/token?grant_type=refresh_token', { refresh_token: refresh });
      if (res.status === 200) {
        latencies.push(performance.now() - t0);
        if (mode === 'refresh') refresh = JSON.parse(res.text).refresh_token;
      } else {
        errors++;
        statuses[res.status] = (statuses[res.status] || 0) + 1;
        if (mode === 'refresh') break;
      }
    }
  }));
  agent.destroy();
  if (errors) console.error(mode + ': ' + errors + ' failed requests ' + JSON.stringify(statuses));
  process.stdout.write(JSON.stringify({ errors, latencies }));
}
main();
`;

interface Measured { errors: number; latencies: number[]; cpuMs: number }

/** Runs the load in a child process; `cpuMs` is the API process's own CPU time meanwhile (user + system). */
async function load(workerData: Record<string, unknown>): Promise<Measured> {
  const before = process.cpuUsage();
  const child = spawn(process.execPath, ['-e', WORKER], { env: { ...process.env, BENCH_WORKER_DATA: JSON.stringify(workerData) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
  await new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`)))));
  const used = process.cpuUsage(before);
  return { ...(JSON.parse(out) as Omit<Measured, 'cpuMs'>), cpuMs: (used.user + used.system) / 1000 };
}

function report(name: string, r: Measured): void {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const cpu = sorted.length ? r.cpuMs / sorted.length : 0;
  console.log(`${name.padEnd(26)} ${(sorted.length / SECONDS).toFixed(0).padStart(6)} req/s   p50 ${at(0.5).toFixed(1)} ms   p99 ${at(0.99).toFixed(1)} ms`
    + `   API CPU ${cpu.toFixed(2)} ms/req (≈${cpu ? (1000 / cpu).toFixed(0) : '∞'}/s per core)${r.errors ? `   (${r.errors} errors)` : ''}`);
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-auth-'));
  const anonKey = generateSecret('anon');
  const config = loadConfig({}, { dataDir, port: await freePort(), pgPort: await freePort(), logTarget: 'silent', anonKey, serviceKey: generateSecret('service_role') });
  const running = await startTrestle(config);
  try {
    const main = running.ctx.databases.active;
    // Users with real bcrypt hashes of the cost sign-up uses, written by Postgres (faster than 200 sign-ups).
    await main.query(
      `INSERT INTO auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       SELECT '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', 'bench' || g || '@example.com',
              extensions.crypt($1, extensions.gen_salt('bf', $2)), now(), '{"provider":"email","providers":["email"]}', '{}', now(), now()
         FROM generate_series(1, $3) g`, [PASSWORD, PASSWORD_HASH_COST, USERS]);
    const users = Array.from({ length: USERS }, (_, i) => `bench${i + 1}@example.com`);
    console.log(`bcrypt cost ${PASSWORD_HASH_COST}, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)}), ${CONCURRENCY} concurrent clients, ${SECONDS} s per scenario`);
    const common = { url: running.url, apikey: anonKey, seconds: SECONDS, concurrency: CONCURRENCY, users, password: PASSWORD };
    if (ONLY !== 'refresh') report('password sign-in', await load({ ...common, mode: 'signin' }));
    if (ONLY === 'signin') return;

    const tokens: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const res = await fetch(`${running.url}/auth/v1/token?grant_type=password`, {
        method: 'POST', headers: { apikey: anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ email: users[i], password: PASSWORD }),
      });
      tokens.push(((await res.json()) as { refresh_token: string }).refresh_token);
    }
    report('refresh token rotation', await load({ ...common, mode: 'refresh', tokens }));
  } finally {
    await running.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
