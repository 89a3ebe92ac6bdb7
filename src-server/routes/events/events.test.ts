import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
});
afterAll(async () => t?.close());

/** Reads server-sent events from a stream until `until` says stop. */
async function readEvents(res: Response, until: (events: Array<{ event: string; data: unknown }>) => boolean, timeoutMs = 5_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await Promise.race([reader.read(), new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now()))]);
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) events.push({ event, data: data ? JSON.parse(data) : null });
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /api/events', () => {
  it('needs the dashboard session or the service key', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    expect((await fetch(`${base}/api/events`, { headers: { apikey: t.anonKey } })).status).toBe(403);
  });

  it('pushes a schema event when DDL commits, from any client', async () => {
    const res = await fetch(`${base}/api/events`, { headers: { apikey: t.serviceKey } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reading = readEvents(res, (e) => e.some((x) => x.event === 'schema'));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await t.sql.query('CREATE TABLE pushed_by_psql (id int)');
    const events = await reading;
    expect(events[0]).toEqual({ event: 'hello', data: { database: t.database } });
    expect(events.map((e) => e.event)).toContain('schema');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
