import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { splitStatements } from '../../sql/split.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query('CREATE TABLE nums AS SELECT g AS n FROM generate_series(1, 20) g');
});
afterAll(async () => t?.close());

const sql = (payload: unknown, key?: string) => (key ? t.app.inject({ method: 'POST', url: '/v1/sql', headers: { apikey: key }, payload: payload as object }) : t.service({ method: 'POST', url: '/v1/sql', payload: payload as object }));

describe('POST /v1/sql', () => {
  it('binds params and describes columns with real type names', async () => {
    const res = await sql({ sql: 'SELECT $1::int + 1 AS next, $2::text AS label, now() AS at, \'{}\'::jsonb AS j', params: [41, 'x'] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows[0]).toMatchObject({ next: 42, label: 'x', j: {} });
    expect(body.columns.map((c: { typeName: string }) => c.typeName)).toEqual(['int4', 'text', 'timestamptz', 'jsonb']);
    expect(body.columns[0].dataTypeID).toBe(23);
    expect(body).toMatchObject({ rowCount: 1, command: 'SELECT', truncated: false });
  });

  it('reads at most row_limit rows through a cursor and says it truncated', async () => {
    const res = await sql({ sql: 'SELECT n FROM nums ORDER BY n', row_limit: 5 });
    expect(res.json()).toMatchObject({ rowCount: 5, truncated: true });
    expect(res.json().rows.map((r: { n: number }) => r.n)).toEqual([1, 2, 3, 4, 5]);
    const all = await sql({ sql: 'SELECT n FROM nums', row_limit: 20 });
    expect(all.json()).toMatchObject({ rowCount: 20, truncated: false });
    expect((await sql({ sql: 'SELECT 1', row_limit: 10001 })).statusCode).toBe(400);
  });

  it('runs several statements without params and returns the last result', async () => {
    const res = await sql({ sql: "CREATE TABLE multi (v text); INSERT INTO multi VALUES ('a;b'), ($$c;d$$); -- ; comment\nSELECT v FROM multi ORDER BY v" });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([{ v: 'a;b' }, { v: 'c;d' }]);
    const ins = await sql({ sql: 'INSERT INTO multi VALUES ($1)', params: ['e'] });
    expect(ins.json()).toMatchObject({ command: 'INSERT', rowCount: 1, columns: [] });
    expect((await sql({ sql: 'SELECT 1; SELECT $1', params: [1] })).statusCode).toBe(400);
  });

  it('a statement timeout is 504 57014 and the pool stays healthy', async () => {
    const res = await sql({ sql: 'SELECT pg_sleep(2)', timeout: 100 });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ code: '57014', hint: null });
    for (let i = 0; i < 12; i++) expect((await sql({ sql: 'SELECT 1 AS ok' })).json().rows).toEqual([{ ok: 1 }]);
  });

  it('errors use the contract format with PostgREST statuses; session settings do not leak', async () => {
    const res = await sql({ sql: 'SELECT * FROM missing_table' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: '42P01', error: expect.stringContaining('missing_table'), details: null });
    await sql({ sql: 'SET ROLE anon; SET search_path = nowhere; SELECT 1' });
    for (let i = 0; i < 12; i++) {
      expect((await sql({ sql: 'SELECT current_user = session_user AS owner, current_setting(\'search_path\') AS sp' })).json().rows[0]).toMatchObject({ owner: true });
    }
  });

  it('is service_role only and audited without params', async () => {
    expect((await sql({ sql: 'SELECT 1' }, t.anonKey)).statusCode).toBe(403);
    await sql({ sql: 'SELECT $1::text AS secret_param', params: ['hunter2'] });
    const { rows } = await t.sql.query(`SELECT action, detail FROM trestle.audit_log WHERE action = 'sql.execute' AND detail::text LIKE '%secret_param%'`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0].detail)).not.toContain('hunter2');
  });
});

describe('POST /v1/sql/transaction', () => {
  it('runs statements in order and returns each result', async () => {
    const res = await t.service({ method: 'POST', url: '/v1/sql/transaction', payload: { statements: [
      { sql: 'CREATE TABLE tx (id int PRIMARY KEY)' }, { sql: 'INSERT INTO tx VALUES ($1), ($2)', params: [1, 2] }, { sql: 'SELECT count(*)::int AS n FROM tx' },
    ] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { command: string }) => r.command)).toEqual(['CREATE', 'INSERT', 'SELECT']);
    expect(res.json().results[2].rows).toEqual([{ n: 2 }]);
  });

  it('is all-or-nothing and names the failing statement', async () => {
    const res = await t.service({ method: 'POST', url: '/v1/sql/transaction', payload: { statements: [
      { sql: 'INSERT INTO tx VALUES (3)' }, { sql: 'INSERT INTO tx VALUES (1)' },
    ] } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: '23505', detail: { statement_index: 1 } });
    expect((await t.sql.query('SELECT count(*)::int AS n FROM tx')).rows).toEqual([{ n: 2 }]);
    expect((await t.service({ method: 'POST', url: '/v1/sql/transaction', payload: { statements: [] } })).statusCode).toBe(400);
    const tooMany = Array.from({ length: 21 }, () => ({ sql: 'SELECT 1' }));
    expect((await t.service({ method: 'POST', url: '/v1/sql/transaction', payload: { statements: tooMany } })).statusCode).toBe(400);
  });
});

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    expect(splitStatements("SELECT ';'; SELECT \"a;b\" FROM t; /* ; */ SELECT $x$ ; $x$;  ")).toEqual(["SELECT ';'", ' SELECT "a;b" FROM t', ' /* ; */ SELECT $x$ ; $x$']);
    expect(splitStatements("SELECT E'\\';'; SELECT 2")).toEqual(["SELECT E'\\';'", ' SELECT 2']);
    expect(splitStatements('-- only a comment')).toEqual([]);
  });
});
