import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClusterTemplate } from '../../src-server/postgres/cluster-template-build.js';
import { readTemplate } from '../../src-server/postgres/cluster-template.js';
import { startStack, tempDataDir } from '../helpers/stack.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe('cluster template (first start without initdb)', () => {
  it('copies the template, replaces its password, and keeps data across restarts', async () => {
    const templateDir = path.join(await tempDataDir(), 'template');
    dirs.push(path.dirname(templateDir));
    await buildClusterTemplate(templateDir);
    const template = await readTemplate(templateDir);
    expect(template).toBeDefined();

    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const stack = await startStack(dataDir, { clusterTemplateDir: templateDir });
    const credentials = JSON.parse(await fs.readFile(path.join(dataDir, 'cluster.json'), 'utf8'));
    expect(credentials.pending).toBeUndefined();
    expect(credentials.password).not.toBe(template!.credentials.password);
    expect(await canConnect(stack.cluster!.port, template!.credentials.password)).toBe(false);
    expect(await canConnect(stack.cluster!.port, credentials.password)).toBe(true);
    await stack.ctx.databases.active.query('CREATE TABLE kept (v text)');
    await stack.ctx.databases.active.query('INSERT INTO kept VALUES ($1)', ['yes']);
    await stack.stop();

    const again = await startStack(dataDir, { clusterTemplateDir: templateDir });
    const { rows } = await again.ctx.databases.active.query('SELECT v FROM kept');
    expect(rows).toEqual([{ v: 'yes' }]);
    await again.stop();
    // The template itself was never started or changed.
    await expect(fs.access(path.join(templateDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
  });

  it('finishes a password change interrupted by a crash', async () => {
    const templateDir = path.join(await tempDataDir(), 'template');
    dirs.push(path.dirname(templateDir));
    await buildClusterTemplate(templateDir);
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const stack = await startStack(dataDir, { clusterTemplateDir: templateDir });
    const done = JSON.parse(await fs.readFile(path.join(dataDir, 'cluster.json'), 'utf8'));
    await stack.stop();
    // As if the process died after ALTER ROLE but before recording the new password.
    await fs.writeFile(path.join(dataDir, 'cluster.json'), JSON.stringify({ user: 'postgres', password: 'stale-template-password', pending: done.password }));
    const again = await startStack(dataDir, { clusterTemplateDir: templateDir });
    const after = JSON.parse(await fs.readFile(path.join(dataDir, 'cluster.json'), 'utf8'));
    expect(after).toEqual({ user: 'postgres', password: done.password });
    expect((await again.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await again.stop();
  });

  it('ignores a template made by other Postgres binaries', async () => {
    const templateDir = path.join(await tempDataDir(), 'template');
    dirs.push(path.dirname(templateDir));
    await buildClusterTemplate(templateDir);
    await fs.writeFile(path.join(templateDir, 'READY'), JSON.stringify({ binaries: '0.0.0-other' }));
    expect(await readTemplate(templateDir)).toBeUndefined();
  });
});
