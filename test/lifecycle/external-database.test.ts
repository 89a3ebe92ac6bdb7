import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, urlFor } from '../helpers/app.js';
import { startStack, tempDataDir } from '../helpers/stack.js';

describe('DATABASE_URL (external Postgres)', () => {
  it('uses the given database and starts no cluster', async () => {
    // The shared test cluster stands in for a team's external Postgres.
    const database = await createDatabase('ext');
    const dir = await tempDataDir();
    const stack = await startStack(dir, { databaseUrl: urlFor(database) });
    try {
      expect(stack.cluster).toBeUndefined();
      expect(await fs.stat(path.join(dir, 'pg')).catch(() => null)).toBeNull();
      const status = await stack.app.inject({ method: 'GET', url: '/v1/status', headers: { apikey: stack.initialSecrets!.service_role } });
      expect(status.statusCode).toBe(200);
      expect(status.json().database).toMatchObject({ name: database, embedded: false });
    } finally {
      await stack.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
