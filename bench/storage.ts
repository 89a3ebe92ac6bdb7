// bench/storage: upload and download throughput through /storage/v1 for 1 MB and 100 MB objects against a plain
// fs copy / read of the same bytes on the same disk (ratio printed; goal ≥ 70 %), and 4 KB uploads per second.
// The server runs in its own process (as it does for an app); the client here sends with node:http and keep-alive.
// Run: npm run bench -- storage
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../src-server/config.js';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle } from '../src-server/start.js';

const MB = 1024 * 1024;
const SMALL_UPLOADS = Number(process.env.BENCH_SMALL_UPLOADS ?? 3000);
const SMALL_CONCURRENCY = Number(process.env.BENCH_SMALL_CONCURRENCY ?? 16);

interface ServerInfo {
  url: string;
  serviceKey: string;
  dataDir: string;
}

/** Child process mode: the whole stack, reporting its URL. */
async function server(): Promise<void> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-storage-'));
  const serviceKey = generateSecret('service_role');
  const config = loadConfig({}, { dataDir, port: await freePort(), pgPort: await freePort(), logTarget: 'silent', serviceKey, anonKey: generateSecret('anon') });
  const running = await startTrestle(config);
  const res = await fetch(`${running.url}/storage/v1/bucket`, {
    method: 'POST', headers: { apikey: serviceKey, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }),
  });
  if (!res.ok) throw new Error(`bucket: ${res.status} ${await res.text()}`);
  process.send!({ url: running.url, serviceKey, dataDir } satisfies ServerInfo);
  process.on('message', () => {
    void running.stop().then(() => fsp.rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
  });
}

function startServer(): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = fork(new URL(import.meta.url).pathname, ['--server'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (info: ServerInfo) => resolve({ child, info }));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(url: string, opts: http.RequestOptions, body?: Buffer): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, ...opts }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function upload(s: ServerInfo, name: string, body: Buffer): Promise<void> {
  const res = await request(`${s.url}/storage/v1/object/bench/${name}`, {
    method: 'POST', headers: { apikey: s.serviceKey, 'content-type': 'application/octet-stream', 'content-length': body.length },
  }, body);
  if (res.status !== 200) throw new Error(`upload ${name}: ${res.status}`);
}

async function download(s: ServerInfo, name: string, size: number): Promise<void> {
  const res = await request(`${s.url}/storage/v1/object/bench/${name}`, { method: 'GET', headers: { apikey: s.serviceKey } });
  if (res.status !== 200 || res.bytes !== size) throw new Error(`download ${name}: ${res.status}, ${res.bytes} bytes`);
}

/** MB/s of `count` sequential runs of fn, each moving `size` bytes. */
async function throughput(count: number, size: number, fn: (i: number) => Promise<void>): Promise<number> {
  await fn(-1); // warm-up, not counted
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  return (count * size) / MB / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const { child, info } = await startServer();
  const scratch = await fsp.mkdtemp(path.join(info.dataDir, 'bench-fs-'));
  try {
    console.log(`server: ${info.url} (own process); baseline: plain fs streams on the same disk (${info.dataDir})`);
    for (const [label, size, count] of [['1 MB', MB, 200], ['100 MB', 100 * MB, 4]] as const) {
      const body = crypto.randomBytes(size);
      const source = path.join(scratch, `source-${size}`);
      await fsp.writeFile(source, body);
      // The same work as an upload minus HTTP and Postgres: stream to a new file, fsync, read back out.
      const fsCopy = await throughput(count, size, (i) => pipeline(fs.createReadStream(source), fs.createWriteStream(path.join(scratch, `copy-${size}-${i}`), { flush: true })));
      const fsRead = await throughput(count, size, async () => {
        for await (const chunk of fs.createReadStream(source)) void chunk;
      });
      const up = await throughput(count, size, (i) => upload(info, `${size}/${i}`, body));
      const down = await throughput(count, size, (i) => download(info, `${size}/${Math.max(i, 0)}`, size));
      console.log(`${label}: upload ${up.toFixed(0)} MB/s vs fs copy ${fsCopy.toFixed(0)} MB/s → ${((up / fsCopy) * 100).toFixed(0)} %;`
        + ` download ${down.toFixed(0)} MB/s vs fs read ${fsRead.toFixed(0)} MB/s → ${((down / fsRead) * 100).toFixed(0)} %`);
      await fsp.rm(scratch, { recursive: true, force: true });
      await fsp.mkdir(scratch);
    }

    const small = crypto.randomBytes(4096);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: SMALL_CONCURRENCY }, async () => {
      while (next < SMALL_UPLOADS) await upload(info, `small/${next++}`, small);
    }));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`4 KB uploads: ${SMALL_UPLOADS} from ${SMALL_CONCURRENCY} connections in ${seconds.toFixed(2)} s → ${Math.round(SMALL_UPLOADS / seconds)}/s`);
  } finally {
    agent.destroy();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

if (process.argv.includes('--server')) await server();
else await main();
