import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src-server/postgres/ports.js';
import { isRunning } from '../../src-server/process-state.js';
import { startStack, tempDataDir } from '../helpers/stack.js';

const dirs: string[] = [];
const newDir = async () => {
  const d = await tempDataDir();
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres lifecycle', () => {
  it('initialises on first start and keeps data across a restart', async () => {
    const dir = await newDir();
    const first = await startStack(dir);
    expect(first.initialSecrets?.anon).toMatch(/^truss_pk_/);
    const url = first.ctx.postgres.url('trestle');
    await sql(url, `CREATE TABLE notes (id int primary key, body text); INSERT INTO notes VALUES (1, 'kept')`);
    await first.stop();
    expect(await fs.stat(path.join(dir, 'pg', 'postmaster.pid')).catch(() => null)).toBeNull();

    const second = await startStack(dir);
    expect(second.initialSecrets).toBeUndefined(); // keys are printed once, on the first start only
    expect(await sql(second.ctx.postgres.url('trestle'), 'SELECT body FROM notes')).toEqual([{ body: 'kept' }]);
    const { rows } = await second.ctx.databases.control.query('SELECT max(version) AS v FROM trestle.migrations');
    expect(rows[0].v).toBeGreaterThanOrEqual(2);
    await second.stop();
  });

  it('restarts Postgres when its process is killed with SIGKILL, and requests work again', async () => {
    const dir = await newDir();
    const stack = await startStack(dir);
    const oldPid = stack.cluster!.pid!;
    process.kill(oldPid, 'SIGKILL');
    const until = Date.now() + 20_000;
    let ok = false;
    while (Date.now() < until && !ok) {
      await new Promise((r) => setTimeout(r, 200));
      const res = await stack.app.inject({ method: 'GET', url: '/v1/status', headers: { apikey: stack.initialSecrets!.service_role } });
      ok = res.statusCode === 200;
    }
    expect(ok).toBe(true);
    expect(stack.cluster!.pid).not.toBe(oldPid);
    await stack.stop();
  });

  it('headless: prints the dashboard URL, and SIGTERM stops the API and Postgres cleanly', async () => {
    const dir = await newDir();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts'], {
      env: { ...process.env, TRESTLE_DATA_DIR: dir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(await freePort()), TRESTLE_LOG: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('service_role:')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    expect(out).toMatch(new RegExp(`Dashboard: +http://127\\.0\\.0\\.1:${port}/auth/launch\\?token=[A-Za-z0-9_-]{20,}`));
    const pgPid = Number((await fs.readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const t0 = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await isRunning(pgPid)).toBe(false);
    expect(await fs.stat(path.join(dir, 'pg', 'postmaster.pid')).catch(() => null)).toBeNull();
    expect(await fs.stat(path.join(dir, 'trestle.pid')).catch(() => null)).toBeNull();
  });

  it('names the port and its variable when a port is taken', async () => {
    const blocker = net.createServer();
    const taken = await freePort();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
    try {
      await expect(startStack(await newDir(), { pgPort: taken })).rejects.toThrow(new RegExp(`Postgres port ${taken} is already in use.*TRESTLE_PG_PORT`));
      await expect(startStack(await newDir(), { port: taken })).rejects.toThrow(new RegExp(`API port ${taken} is already in use.*TRESTLE_PORT`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a second Trestle on the same data directory', async () => {
    const dir = await newDir();
    const stack = await startStack(dir);
    await expect(startStack(dir)).rejects.toThrow(/already using the data directory/);
    await stack.stop();
  });
});
