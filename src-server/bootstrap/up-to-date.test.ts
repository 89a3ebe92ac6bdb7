// The warm start's one-query bootstrap check: the secret only when the full path would change nothing.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, urlFor } from '../../test/helpers/app.js';
import { bootstrapDatabase } from './index.js';
import { MIGRATIONS } from './migrations/index.js';
import { upToDateSecret } from './up-to-date.js';

const clients: pg.Client[] = [];
async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}
afterAll(async () => {
  for (const c of clients) await c.end();
});

describe('upToDateSecret', () => {
  it('is undefined for a database Trestle has not bootstrapped yet', async () => {
    const url = urlFor(await createDatabase('fresh'));
    expect(await upToDateSecret(await connect(url), url, MIGRATIONS)).toBeUndefined();
  });

  it('returns the stored secret once bootstrapped, and bootstrapDatabase then answers the same secret', async () => {
    const url = urlFor(await createDatabase('warm'));
    const first = await bootstrapDatabase(url);
    const c = await connect(url);
    expect(await upToDateSecret(c, url, MIGRATIONS)).toBe(first.jwtSecret);
    expect(await bootstrapDatabase(url)).toEqual({ applied: [], jwtSecret: first.jwtSecret });
  });

  it('is undefined while a migration is missing, and the full path applies it', async () => {
    const url = urlFor(await createDatabase('behind'));
    await bootstrapDatabase(url);
    const c = await connect(url);
    const extra = { version: 999_999, name: 'upToDateSecret test', sql: 'CREATE TABLE trestle.up_to_date_probe (id int)' };
    expect(await upToDateSecret(c, url, [...MIGRATIONS, extra])).toBeUndefined();
    expect((await bootstrapDatabase(url, [...MIGRATIONS, extra])).applied).toEqual([999_999]);
    expect(await upToDateSecret(c, url, [...MIGRATIONS, extra])).toBeDefined();
  });

  it('is undefined without a JWT secret, and the full path creates one', async () => {
    const url = urlFor(await createDatabase('nosecret'));
    await bootstrapDatabase(url);
    const c = await connect(url);
    await c.query(`DELETE FROM trestle.settings WHERE key = 'jwt_secret'`);
    expect(await upToDateSecret(c, url, MIGRATIONS)).toBeUndefined();
    const { jwtSecret } = await bootstrapDatabase(url);
    expect(jwtSecret).toMatch(/^[\w-]{43}$/);
    expect(await upToDateSecret(c, url, MIGRATIONS)).toBe(jwtSecret);
  });
});
