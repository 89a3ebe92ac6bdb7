import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`CREATE TABLE items (id int PRIMARY KEY, label text, price numeric);
    INSERT INTO items SELECT g, 'item ' || g, g * 1.5 FROM generate_series(1, 200) g;`);
});
afterAll(async () => t?.close());

const query = (payload: Record<string, unknown>) => t.service({ method: 'POST', url: '/api/sql/query', payload });

describe('SQL console', () => {
  it('returns every result set of a multi-statement run, with row limits', async () => {
    const res = await query({
      sql: "CREATE TABLE tmp_run (x int);\nINSERT INTO tmp_run VALUES (1), (2);\nSELECT * FROM tmp_run ORDER BY x;\nSELECT id, label FROM items ORDER BY id; -- many rows\n",
      row_limit: 50, query_id: 'run-1',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.query_id).toBe('run-1');
    expect(body.results.map((r: { command: string }) => r.command)).toEqual(['CREATE', 'INSERT', 'SELECT', 'SELECT']);
    expect(body.results[1].rowCount).toBe(2);
    expect(body.results[2]).toMatchObject({ rows: [{ x: 1 }, { x: 2 }], rowCount: 2, truncated: false, columns: [{ name: 'x', typeName: 'int4' }] });
    expect(body.results[3]).toMatchObject({ rowCount: 50, truncated: true });
    expect(body.results[3].rows).toHaveLength(50);
    expect(body.results.every((r: { duration_ms: number }) => r.duration_ms >= 0)).toBe(true);
    expect((await query({ sql: 'VACUUM items' })).json().results[0].command).toBe('VACUUM');
    const typed = await query({ sql: "SELECT interval '1 day 02:03:04' AS i, '\\xff00'::bytea AS b, 9007199254740993::int8 AS big" });
    expect(typed.json().results[0].rows).toEqual([{ i: '1 day 02:03:04', b: '\\xff00', big: '9007199254740993' }]);
    const single = await query({ sql: 'SELECT $1::int + 1 AS n', params: [41] });
    expect(single.json().results[0].rows).toEqual([{ n: 42 }]);
  });

  it('runs the script in one transaction and points errors at line and column', async () => {
    const res = await query({ sql: "INSERT INTO items VALUES (1000, 'x', 1);\nSELECT 1;\nSELECT nope\n  FROM items;" });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('42703');
    expect(body.detail).toMatchObject({ statement_index: 2, line: 3, column: 8 });
    expect((await t.sql.query('SELECT count(*)::int AS n FROM items WHERE id = 1000')).rows[0].n).toBe(0);
    const syntax = await query({ sql: 'SELECT 1;\n\nSELEC 2' });
    expect(syntax.json()).toMatchObject({ code: '42601', detail: { line: 3, column: 1 } });
  });

  it('does not leak session state from one run to the next', async () => {
    expect((await query({ sql: "SET ROLE anon; SET statement_timeout = 1234; CREATE TEMP TABLE scratch (x int); SELECT current_user AS u" })).json().results[3].rows).toEqual([{ u: 'anon' }]);
    const after = await query({ sql: "SELECT current_user = session_user AS same, current_setting('statement_timeout') <> '1234ms' AS reset, to_regclass('pg_temp.scratch') IS NULL AS no_temp" });
    expect(after.json().results[0].rows).toEqual([{ same: true, reset: true, no_temp: true }]);
  });

  it('rejects bad input', async () => {
    for (const [payload, code] of [
      [{ sql: '-- only a comment' }, 'EMPTY_QUERY'],
      [{ sql: 'SELECT 1; SELECT $1', params: [1] }, 'VALIDATION_ERROR'],
      [{ sql: 'SELECT 1', row_limit: 10001 }, 'VALIDATION_ERROR'],
      [{ sql: 'SELECT 1', timeout: 0 }, 'VALIDATION_ERROR'],
      [{ sql: 'SELECT 1', query_id: 'bad id!' }, 'VALIDATION_ERROR'],
      [{}, 'VALIDATION_ERROR'],
    ] as Array<[Record<string, unknown>, string]>) {
      const res = await query(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe(code);
    }
    expect((await query({ sql: 'SELECT pg_sleep(2)', timeout: 100 })).json().code).toBe('57014');
  });

  it('cancels a running pg_sleep by query id', async () => {
    const running = query({ sql: 'SELECT pg_sleep(20)', query_id: 'sleepy', timeout: 30000 });
    let cancel;
    for (let i = 0; i < 100; i++) {
      cancel = await t.service({ method: 'POST', url: '/api/sql/query/cancel', payload: { query_id: 'sleepy' } });
      if (cancel.statusCode === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(cancel!.json()).toEqual({ query_id: 'sleepy', cancelled: true });
    const started = Date.now();
    const res = await running;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(504);
    expect(res.json().code).toBe('57014');
    const unknown = await t.service({ method: 'POST', url: '/api/sql/query/cancel', payload: { query_id: 'sleepy' } });
    expect(unknown.statusCode).toBe(404);
    const { rows } = await t.sql.query(`SELECT status FROM trestle.sql_history WHERE query_id = 'sleepy'`);
    expect(rows).toEqual([{ status: 'cancelled' }]);
  });

  it('records history, searchable and clearable', async () => {
    await query({ sql: 'SELECT 12345 AS marker' });
    const res = await t.service({ method: 'GET', url: '/api/sql/history?search=12345' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.entries[0]).toMatchObject({ sql: 'SELECT 12345 AS marker', status: 'success', row_count: 1, result_count: 1 });
    const all = (await t.service({ method: 'GET', url: '/api/sql/history?limit=2' })).json();
    expect(all.entries).toHaveLength(2);
    expect(all.total).toBeGreaterThan(3);
    const errors = (await t.service({ method: 'GET', url: '/api/sql/history?search=SELEC 2' })).json();
    expect(errors.entries[0]).toMatchObject({ status: 'error', error_code: '42601' });
    expect((await t.service({ method: 'GET', url: '/api/sql/history?limit=0' })).statusCode).toBe(400);
    const cleared = await t.service({ method: 'DELETE', url: '/api/sql/history' });
    expect(cleared.json().deleted).toBeGreaterThan(3);
    expect((await t.service({ method: 'GET', url: '/api/sql/history' })).json()).toEqual({ entries: [], total: 0 });
  });
});

describe('explain', () => {
  it('explains with the plan tree and exclusive costs', async () => {
    const res = await t.service({ method: 'POST', url: '/api/sql/explain', payload: { sql: 'SELECT * FROM items i JOIN items j ON j.id = i.id WHERE i.price > 10 ORDER BY i.label' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nodes[0]).toMatchObject({ id: 0, parent_id: null, depth: 0 });
    expect(body.nodes.length).toBeGreaterThanOrEqual(2);
    expect(body.nodes[1].parent_id).toBe(0);
    const sum = body.nodes.reduce((s: number, n: { exclusive_cost: number }) => s + n.exclusive_cost, 0);
    expect(sum).toBeCloseTo(body.total_cost, 1);
    expect(body.costliest.length).toBeGreaterThan(0);
  });

  it('EXPLAIN ANALYZE of a DELETE changes nothing', async () => {
    const res = await t.service({ method: 'POST', url: '/api/sql/explain', payload: { sql: 'DELETE FROM items WHERE id <= 100', analyze: true } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.analyze).toBe(true);
    expect(body.execution_ms).toBeGreaterThan(0);
    expect(body.nodes[0].node_type).toBe('ModifyTable');
    expect(body.nodes[0].exclusive_ms).not.toBeNull();
    expect((await t.sql.query('SELECT count(*)::int AS n FROM items')).rows[0].n).toBe(200);
  });

  it('rejects several statements and reports errors with a position', async () => {
    expect((await t.service({ method: 'POST', url: '/api/sql/explain', payload: { sql: 'DELETE FROM items; COMMIT' } })).json().code).toBe('SINGLE_STATEMENT_REQUIRED');
    const bad = await t.service({ method: 'POST', url: '/api/sql/explain', payload: { sql: 'SELECT\n  nope FROM items' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatchObject({ line: 2, column: 3 });
    expect((await t.service({ method: 'POST', url: '/api/sql/explain', payload: { sql: 'EXPLAIN SELECT 1' } })).statusCode).toBe(400);
  });
});

describe('export', () => {
  it('streams CSV with proper quoting and JSON', async () => {
    await t.sql.query(`CREATE TABLE quoting (id int PRIMARY KEY, t text); INSERT INTO quoting VALUES (1, 'a,b'), (2, 'say "hi"'), (3, NULL), (4, ''), (5, 'line
break')`);
    const csv = await t.service({ method: 'POST', url: '/api/sql/export', payload: { sql: 'SELECT * FROM quoting ORDER BY id', format: 'csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe('id,t\r\n1,"a,b"\r\n2,"say ""hi"""\r\n3,\r\n4,""\r\n5,"line\nbreak"\r\n');
    const json = await t.service({ method: 'POST', url: '/api/sql/export', payload: { sql: 'SELECT id, price FROM items WHERE id < 3 ORDER BY id', format: 'json' } });
    expect(JSON.parse(json.body)).toEqual([{ id: 1, price: '1.5' }, { id: 2, price: '3.0' }]);
    const big = await t.service({ method: 'POST', url: '/api/sql/export', payload: { sql: 'SELECT g FROM generate_series(1, 2500) g', format: 'csv' } });
    expect(big.body.split('\r\n').filter(Boolean)).toHaveLength(2501);
  });

  it('exports a table editor view, and refuses bad requests with JSON errors', async () => {
    const view = await t.service({ method: 'POST', url: '/api/sql/export', payload: { format: 'csv', view: { schema: 'public', table: 'items', filter: ['id.lte.3'], order: 'id.desc' } } });
    expect(view.body).toBe('id,label,price\r\n3,item 3,4.5\r\n2,item 2,3.0\r\n1,item 1,1.5\r\n');
    for (const payload of [
      { sql: 'SELECT nope', format: 'csv' },
      { sql: 'SELECT 1; SELECT 2', format: 'csv' },
      { sql: 'SELECT 1', format: 'xml' },
      { format: 'csv' },
      { sql: 'DELETE FROM items', format: 'json' },
    ]) {
      const res = await t.service({ method: 'POST', url: '/api/sql/export', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBeTruthy();
    }
    expect((await t.sql.query('SELECT count(*)::int AS n FROM items')).rows[0].n).toBe(200);
  });
});

describe('destructive analysis', () => {
  it('lists the statements that need a confirmation', async () => {
    const res = await t.service({ method: 'POST', url: '/api/sql/analyze', payload: { sql: "SELECT 'DROP TABLE x';\nDELETE FROM items;\nUPDATE items SET label = 'x' WHERE id = 1" } });
    expect(res.json()).toEqual({ statements: 3, destructive: [{ statement: 'DELETE FROM items', index: 1, reason: 'DELETE without WHERE removes every row' }] });
  });
});

describe('saved queries', () => {
  it('creates, lists, updates and deletes saved queries', async () => {
    const created = await t.service({ method: 'POST', url: '/api/sql/saved-queries', payload: { name: 'Top items', sql: 'SELECT * FROM items', tags: ['reports', 'reports', 'daily'] } });
    expect(created.statusCode).toBe(201);
    const { query: q } = created.json();
    expect(q).toMatchObject({ name: 'Top items', sql: 'SELECT * FROM items', tags: ['reports', 'daily'] });
    await t.service({ method: 'POST', url: '/api/sql/saved-queries', payload: { name: 'Other', sql: 'SELECT 2' } });
    expect((await t.service({ method: 'GET', url: '/api/sql/saved-queries' })).json().queries).toHaveLength(2);
    expect((await t.service({ method: 'GET', url: '/api/sql/saved-queries?tag=daily' })).json().queries.map((x: { id: string }) => x.id)).toEqual([q.id]);
    expect((await t.service({ method: 'GET', url: '/api/sql/saved-queries?search=top' })).json().queries).toHaveLength(1);
    const patched = await t.service({ method: 'PATCH', url: `/api/sql/saved-queries/${q.id}`, payload: { sql: 'SELECT 1', tags: [] } });
    expect(patched.json().query).toMatchObject({ name: 'Top items', sql: 'SELECT 1', tags: [] });
    expect((await t.service({ method: 'GET', url: `/api/sql/saved-queries/${q.id}` })).json().query.sql).toBe('SELECT 1');
    expect((await t.service({ method: 'DELETE', url: `/api/sql/saved-queries/${q.id}` })).statusCode).toBe(200);
    expect((await t.service({ method: 'GET', url: `/api/sql/saved-queries/${q.id}` })).statusCode).toBe(404);
    const { rows } = await t.sql.query(`SELECT action FROM trestle.audit_log WHERE resource_id = $1 ORDER BY id`, [q.id]);
    expect(rows.map((r) => r.action)).toEqual(['saved_query.create', 'saved_query.update', 'saved_query.delete']);
  });

  it('rejects bad input', async () => {
    for (const payload of [{ name: '', sql: 'x' }, { name: '   ', sql: 'x' }, { sql: 'x' }, { name: 'a', sql: 'x', tags: [''] }, { name: 'a', sql: 'x', extra: 1 }]) {
      expect((await t.service({ method: 'POST', url: '/api/sql/saved-queries', payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.service({ method: 'PATCH', url: '/api/sql/saved-queries/not-a-uuid', payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.service({ method: 'PATCH', url: '/api/sql/saved-queries/00000000-0000-0000-0000-000000000000', payload: {} })).statusCode).toBe(400);
    expect((await t.service({ method: 'DELETE', url: '/api/sql/saved-queries/00000000-0000-0000-0000-000000000000' })).statusCode).toBe(404);
  });

  it('works for the dashboard session with its CSRF token, and refuses it without', async () => {
    const launch = await t.app.inject({ method: 'GET', url: '/auth/launch?token=test-dashboard-token-0123456789' });
    const cookies = Object.fromEntries(launch.cookies.map((c) => [c.name, c.value]));
    const cookie = `trestle_session=${cookies.trestle_session}; trestle_csrf=${cookies.trestle_csrf}`;
    const ok = await t.app.inject({ method: 'POST', url: '/api/sql/query', headers: { cookie, 'x-csrf-token': cookies.trestle_csrf }, payload: { sql: 'SELECT 1 AS one' } });
    expect(ok.json().results[0].rows).toEqual([{ one: 1 }]);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/sql/rows/apply', headers: { cookie }, payload: { schema: 'public', table: 'items', edits: [{ op: 'delete', pk: { id: 1 } }] } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM items WHERE id = 1')).rows[0].n).toBe(1);
  });

  it('needs the service_role key or a session', async () => {
    expect((await t.anon({ method: 'GET', url: '/api/sql/saved-queries' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/sql/query', payload: { sql: 'SELECT 1' } })).statusCode).toBe(401);
  });
});
