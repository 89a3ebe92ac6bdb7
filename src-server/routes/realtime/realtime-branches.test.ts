// Realtime follows the active database: after a branch is activated, changes come from the branch (whose copy of
// the publication decides), and from main again after going back.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestApp, urlFor, type TestApp } from '../../../test/helpers/app.js';
import { PhoenixClient } from '../../../test/helpers/realtime.js';

let t: TestApp;
let ws: string;
const open: PhoenixClient[] = [];

/** Short-lived connections: nothing may stay connected to a database that is being copied. */
async function q(database: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: urlFor(database) });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  ws = (await t.listen()).replace(/^http/, 'ws');
  await t.sql.end();
  await q(t.database, `CREATE TABLE public.notes (id int PRIMARY KEY, body text); ALTER PUBLICATION supabase_realtime ADD TABLE public.notes;`);
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
afterAll(async () => t?.close());

it('delivers the changes of the active database only', async () => {
  const { branch } = (await t.service({ method: 'POST', url: '/api/branches', payload: { label: 'rt' } })).json();
  const c = await PhoenixClient.open(`${ws}/realtime/v1/websocket?apikey=${t.serviceKey}`);
  open.push(c);
  await c.join('realtime:notes', { config: { postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'notes' }] } });
  const body = async () => ((await c.inbox.next((m) => m.event === 'postgres_changes')).payload.data as { record: { body: string } }).record.body;

  await q(t.database, `INSERT INTO public.notes VALUES (1, 'main before')`);
  expect(await body()).toBe('main before');

  expect((await t.service({ method: 'POST', url: `/api/branches/${branch.id}/activate` })).statusCode).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  await q(t.database, `INSERT INTO public.notes VALUES (2, 'main while the branch is active')`);
  await q(branch.database_name, `INSERT INTO public.notes VALUES (2, 'in the branch')`);
  expect(await body()).toBe('in the branch');

  expect((await t.service({ method: 'POST', url: '/api/branches/main/activate' })).statusCode).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  await q(t.database, `INSERT INTO public.notes VALUES (3, 'main again')`);
  expect(await body()).toBe('main again');
  expect(c.inbox.items.filter((m) => m.event === 'postgres_changes')).toEqual([]);
});
