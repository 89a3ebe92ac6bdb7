// The warm start's one-query bootstrap check: the secret only when the full path would change nothing.
import { describe, expect, it } from 'vitest';
import { createDatabase, urlFor } from '../../test/helpers/app.js';
import { withDb } from '../../test/helpers/db.js';
import { bootstrapDatabase } from './index.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { upToDateSecret } from './up-to-date.js';

const check = (database: string, migrations: Migration[] = MIGRATIONS) => withDb(database, (c) => upToDateSecret(c, urlFor(database), migrations));

describe('upToDateSecret', () => {
  it('is undefined for a database Trestle has not bootstrapped yet', async () => {
    expect(await check(await createDatabase('fresh'))).toBeUndefined();
  });

  it('returns the stored secret once bootstrapped, and bootstrapDatabase then answers the same secret', async () => {
    const db = await createDatabase('warm');
    const first = await bootstrapDatabase(urlFor(db));
    expect(await check(db)).toBe(first.jwtSecret);
    expect(await bootstrapDatabase(urlFor(db))).toEqual({ applied: [], jwtSecret: first.jwtSecret });
  });

  it('is undefined while a migration is missing, and the full path applies it', async () => {
    const db = await createDatabase('behind');
    await bootstrapDatabase(urlFor(db));
    const withExtra = [...MIGRATIONS, { version: 999_999, name: 'upToDateSecret test', sql: 'CREATE TABLE trestle.up_to_date_probe (id int)' }];
    expect(await check(db, withExtra)).toBeUndefined();
    expect((await bootstrapDatabase(urlFor(db), withExtra)).applied).toEqual([999_999]);
    expect(await check(db, withExtra)).toBeDefined();
  });

  it('is undefined without a JWT secret, and the full path creates one', async () => {
    const db = await createDatabase('nosecret');
    await bootstrapDatabase(urlFor(db));
    await withDb(db, (c) => c.query(`DELETE FROM trestle.settings WHERE key = 'jwt_secret'`));
    expect(await check(db)).toBeUndefined();
    const { jwtSecret } = await bootstrapDatabase(urlFor(db));
    expect(jwtSecret).toMatch(/^[\w-]{43}$/);
    expect(await check(db)).toBe(jwtSecret);
  });
});
