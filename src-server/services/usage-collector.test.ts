import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { bootstrapDatabase } from '../bootstrap/index.js';
import { Database } from '../db/database.js';
import { createDatabase, urlFor } from '../../test/helpers/app.js';
import { UsageCollector } from './usage-collector.js';

let db: Database;
let queries = 0;
let sql: pg.Client;
beforeAll(async () => {
  const name = await createDatabase('usage');
  await bootstrapDatabase(urlFor(name));
  db = new Database(urlFor(name), name, 2);
  const query = db.query.bind(db);
  db.query = ((text: string, params?: unknown[]) => {
    queries++;
    return query(text, params);
  }) as typeof db.query;
  sql = new pg.Client({ connectionString: urlFor(name) });
  await sql.connect();
});
afterAll(async () => {
  await db?.close();
  await sql?.end();
});

const sample = (endpoint: string, latencyMs: number, status = 200) =>
  ({ caller: 'key:00000000-0000-0000-0000-000000000001', endpoint, status, bytesIn: 10, bytesOut: 100, latencyMs });

describe('usage collector', () => {
  it('aggregates in memory and writes one statement per flush, adding to what is stored', async () => {
    const c = new UsageCollector(db);
    for (let i = 0; i < 1000; i++) c.record(sample('GET /v1/db/:table', i % 10, i % 100 === 0 ? 500 : 200));
    expect(queries).toBe(0);
    await c.flush();
    expect(queries).toBe(1);
    for (let i = 0; i < 500; i++) c.record(sample('GET /v1/db/:table', 2000, 404));
    await c.stop();
    expect(queries).toBe(2);
    const { rows } = await sql.query(`SELECT requests::int, client_errors::int, server_errors::int, bytes_in::int, bytes_out::int,
      latency_ms_max, latency_histogram::int[] AS h FROM trestle.usage_daily`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requests: 1500, client_errors: 500, server_errors: 10, bytes_in: 15000, bytes_out: 150000, latency_ms_max: 2000 });
    expect(rows[0].h.reduce((s: number, v: number) => s + v, 0)).toBe(1500);
  });

  it('keeps a batch whose write failed and writes it with the next flush', async () => {
    const c = new UsageCollector(db);
    c.record(sample('POST /v1/sql', 5));
    await sql.query('ALTER TABLE trestle.usage_daily RENAME TO usage_daily_away');
    await expect(c.flush()).rejects.toThrow();
    c.record(sample('POST /v1/sql', 5));
    await sql.query('ALTER TABLE trestle.usage_daily_away RENAME TO usage_daily');
    await c.flush();
    const { rows } = await sql.query(`SELECT requests::int FROM trestle.usage_daily WHERE endpoint = 'POST /v1/sql'`);
    expect(rows).toEqual([{ requests: 2 }]);
  });
});
