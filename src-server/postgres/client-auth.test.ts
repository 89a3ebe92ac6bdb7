// The embedded cluster's client authentication: over the Unix-domain socket the OS identity of Trestle's own process
// is enough (peer, mapped to any role); over TCP, what apps and tools use, a wrong password is refused.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedCluster } from './cluster.js';
import { currentOsUser, hbaConf, identConf } from './client-auth.js';
import { freePort } from './ports.js';

async function connect(config: pg.ClientConfig): Promise<string> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
  } finally {
    await client.end();
  }
}

describe('embedded cluster client authentication', () => {
  let dir: string;
  let cluster: EmbeddedCluster;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-client-auth-'));
    cluster = new EmbeddedCluster({ dataDir: dir, port: await freePort() });
    await cluster.start();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lets this process in over the socket as any role without a password, and refuses a wrong password over TCP', async () => {
    expect(cluster.socketDir).toBeDefined();
    const base = { host: cluster.socketDir, port: cluster.port, database: 'postgres' };
    expect(await connect({ ...base, user: 'postgres', password: 'not-the-password' })).toBe('postgres');
    await connect({ host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', password: 'not-the-password' })
      .then(() => expect.unreachable('TCP accepted a wrong password'), (err: { code?: string }) => expect(err.code).toBe('28P01'));
    expect(await connect({ host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', password: cluster.credentials!.password })).toBe('postgres');
  });

  it('writes its own pg_hba.conf and pg_ident.conf again at every start', async () => {
    const hba = path.join(cluster.clusterDir, 'pg_hba.conf');
    await fs.writeFile(hba, 'local all all trust\nhost all all 0.0.0.0/0 trust\n');
    await cluster.stop();
    await cluster.start();
    expect(await fs.readFile(hba, 'utf8')).toBe(hbaConf(currentOsUser()));
    expect(await fs.readFile(path.join(cluster.clusterDir, 'pg_ident.conf'), 'utf8')).toBe(identConf(currentOsUser()));
  }, 60_000);

  it('keeps passwords on the socket too when the OS user cannot be named', () => {
    expect(hbaConf(undefined)).not.toContain('peer');
    expect(hbaConf('dev')).toMatch(/^local\s+all\s+all\s+peer map=trestle$/m);
    expect(hbaConf('dev')).toMatch(/^host\s+all\s+all\s+127\.0\.0\.1\/32\s+scram-sha-256$/m);
    expect(identConf('dev')).toMatch(/^trestle\s+dev\s+all$/m);
  });
});
