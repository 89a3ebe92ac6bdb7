import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createTestApp, urlFor } from '../../test/helpers/app.js';
import { NotificationListener } from '../db/listener.js';

let database: string;
let listener: NotificationListener;

async function q(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: urlFor(database) });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}
const listenerBackends = async () => (await q(
  `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'trestle-listener'`, [database])).length;
const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
};

beforeAll(async () => {
  database = await createDatabase('listen');
  listener = new NotificationListener(urlFor(database));
  await listener.start();
});
afterAll(async () => listener?.close());

describe('NotificationListener pause', () => {
  it('disconnects while paused, stays away, and on resume listens again and runs its onConnect handlers', async () => {
    const got: string[] = [];
    let connects = 0;
    await listener.listen('pause_test', (p) => got.push(p));
    listener.onConnect(() => connects++);
    expect(listener.database).toBe(database);

    await q(`SELECT pg_notify('pause_test', 'before')`);
    expect(await until(() => got.includes('before'))).toBe(true);

    const resume = await listener.pause();
    expect(listener.connected).toBe(false);
    expect(await until(async () => (await listenerBackends()) === 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 600)); // longer than the reconnect delay: it must not come back by itself
    expect(await listenerBackends()).toBe(0);

    await resume();
    expect(listener.connected).toBe(true);
    expect(connects).toBe(1);
    await q(`SELECT pg_notify('pause_test', 'after')`);
    expect(await until(() => got.includes('after'))).toBe(true);
    await resume(); // a second call is harmless
    expect(connects).toBe(1);
  });
});

describe('overlapping pauses', () => {
  it('stays disconnected until the last pause resumes', async () => {
    const t = await createTestApp();
    try {
      const listener = t.ctx.listener;
      const resumeA = await listener.pause();
      const resumeB = await listener.pause();
      await resumeA();
      expect(listener.connected).toBe(false);
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'trestle-listener'`);
      // Only the active-database listener (also on this database) is connected; the paused one is not.
      expect(rows[0].n).toBe(1);
      await resumeB();
      expect(listener.connected).toBe(true);
    } finally {
      await t.close();
    }
  });
});
