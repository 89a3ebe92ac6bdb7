import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE TABLE people (
      id int PRIMARY KEY, name text NOT NULL, age int, mood mood, tags text[], doc jsonb, owner text, pos point
    );
    INSERT INTO people (id, name, age, mood, tags, doc, owner)
      SELECT g, 'person ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE (g * 37) % 60 END,
        CASE WHEN g % 2 = 0 THEN 'happy'::mood ELSE 'sad'::mood END, ARRAY['t' || (g % 3)],
        jsonb_build_object('n', g), CASE WHEN g % 2 = 0 THEN 'alice' ELSE 'bob' END
      FROM generate_series(1, 57) g;
    INSERT INTO people (id, name, doc) VALUES (1000, repeat('x', 5000), jsonb_build_object('big', repeat('y', 5000)));
    CREATE TABLE nokey (v int);
    INSERT INTO nokey SELECT generate_series(1, 25);
    CREATE TABLE notes (id int PRIMARY KEY, owner text NOT NULL, body text);
    INSERT INTO notes VALUES (1, 'alice', 'a1'), (2, 'alice', 'a2'), (3, 'bob', 'b1');
    ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_notes ON notes FOR SELECT TO authenticated USING (owner = auth.jwt() ->> 'sub');
  `);
});
afterAll(async () => t?.close());

const browse = (query: Record<string, string | number | boolean | string[]>) =>
  t.service({ method: 'GET', url: '/api/sql/table-browser', query: { schema: 'public', ...query } as Record<string, string> });

/** Follows `after` cursors (or `before` cursors from the last page) until the end; returns every row's id. */
async function walk(query: Record<string, string | number | string[]>, direction: 'forward' | 'backward'): Promise<number[]> {
  const ids: number[][] = [];
  let res = await browse(direction === 'forward' ? query : { ...query, last: true });
  for (let pages = 0; pages < 100; pages++) {
    expect(res.statusCode).toBe(200);
    const body = res.json();
    ids.push(body.rows.map((r: { id: number }) => r.id));
    const more = direction === 'forward' ? body.has_next : body.has_previous;
    if (!more) break;
    res = await browse(direction === 'forward' ? { ...query, after: body.cursor.last } : { ...query, before: body.cursor.first });
  }
  return (direction === 'forward' ? ids : ids.reverse()).flat();
}

describe('table browser', () => {
  it('pages concatenate to the full ordered table, forwards and backwards from the last page', async () => {
    const orders: Array<[string, string]> = [
      ['id', 'ORDER BY id'],
      ['age.desc,name.asc', 'ORDER BY age DESC, name ASC, id'],
      ['id.desc', 'ORDER BY id DESC'],
      ['age.asc', 'ORDER BY age ASC, id'],
      ['owner.asc,age.desc', 'ORDER BY owner ASC, age DESC, id DESC'],
      ['name.desc', 'ORDER BY name DESC, id DESC'],
      ['mood.asc,name.asc', 'ORDER BY mood, name, id'],
    ];
    for (const [order, sqlOrder] of orders) {
      const { rows } = await t.sql.query(`SELECT id FROM people ${sqlOrder}`);
      const expected = rows.map((r) => r.id);
      expect(await walk({ table: 'people', order, limit: 13 }, 'forward'), order).toEqual(expected);
      expect(await walk({ table: 'people', order, limit: 13 }, 'backward'), order).toEqual(expected);
    }
  });

  it('pages a table without a primary key by ctid', async () => {
    const forward = await t.service({ method: 'GET', url: '/api/sql/table-browser?schema=public&table=nokey&limit=10' });
    const body = forward.json();
    expect(body.keyset).toBe(true);
    expect(body.rows.map((r: { v: number }) => r.v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const next = (await browse({ table: 'nokey', limit: 10, after: body.cursor.last })).json();
    expect(next.rows.map((r: { v: number }) => r.v)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const last = (await browse({ table: 'nokey', limit: 10, last: true })).json();
    expect(last.rows.map((r: { v: number }) => r.v)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  });

  it('filters with the REST operators, quick search and counts', async () => {
    const res = await browse({ table: 'people', filter: ['age.gte.30', 'owner.eq.alice', 'id.not.in.(2,4)'], order: 'id', limit: 100, count: 'exact' });
    expect(res.statusCode).toBe(200);
    const { rows: expected } = await t.sql.query(`SELECT id FROM people WHERE age >= 30 AND owner = 'alice' AND id NOT IN (2, 4) ORDER BY id`);
    const body = res.json();
    expect(body.rows.map((r: { id: number }) => r.id)).toEqual(expected.map((r) => r.id));
    expect(body.count).toBe(expected.length);
    expect(body.count_exact).toBe(true);

    const nulls = (await browse({ table: 'people', filter: ['age.is.null'], limit: 100 })).json();
    expect(nulls.rows.every((r: { age: unknown }) => r.age === null)).toBe(true);
    expect(nulls.count).toBe(12);

    const like = (await browse({ table: 'people', filter: ['name.like.person 1*'], limit: 100 })).json();
    expect(like.rows.map((r: { name: string }) => r.name).every((n: string) => n.startsWith('person 1'))).toBe(true);

    const search = (await browse({ table: 'people', search: 'PERSON 5', limit: 100 })).json();
    expect(search.rows.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b)).toEqual([5, 50, 51, 52, 53, 54, 55, 56, 57]);
    const byColumn = (await browse({ table: 'people', search: 'happy', search_column: 'mood', limit: 100 })).json();
    expect(byColumn.count).toBe(28);
  });

  it('truncates large cells with a marker, and serves the full value by primary key', async () => {
    const body = (await browse({ table: 'people', filter: ['id.eq.1000'] })).json();
    expect(body.rows[0].name).toHaveLength(2048);
    expect(body.truncated).toEqual(expect.arrayContaining([
      { row: 0, column: 'name', length: 5000 },
      { row: 0, column: 'doc', length: expect.any(Number) },
    ]));
    const small = (await browse({ table: 'people', filter: ['id.eq.3'] })).json();
    expect(small.rows[0]).toMatchObject({ doc: { n: 3 }, tags: ['t0'], mood: 'sad' });
    expect(small.truncated).toEqual([]);
    const cell = await t.service({ method: 'GET', url: '/api/sql/cell', query: { schema: 'public', table: 'people', column: 'name', pk: '{"id":1000}' } });
    expect(cell.statusCode).toBe(200);
    expect(cell.json().value).toBe('x'.repeat(5000));
    const doc = await t.service({ method: 'GET', url: '/api/sql/cell', query: { schema: 'public', table: 'people', column: 'doc', pk: '{"id":1000}' } });
    expect(doc.json().value.big).toHaveLength(5000);
  });

  it('views a table as anon and as an authenticated user through RLS', async () => {
    const asService = (await browse({ table: 'notes', role: 'service' })).json();
    expect(asService.rows).toHaveLength(3);
    const asAlice = (await browse({ table: 'notes', role: 'authenticated', sub: 'alice', count: 'exact' })).json();
    expect(asAlice.rows.map((r: { id: number }) => r.id)).toEqual([1, 2]);
    expect(asAlice.count).toBe(2);
    const asBob = (await browse({ table: 'notes', role: 'authenticated', sub: 'bob' })).json();
    expect(asBob.rows.map((r: { id: number }) => r.id)).toEqual([3]);
    const asAnon = (await browse({ table: 'notes', role: 'anon' })).json();
    expect(asAnon.rows).toEqual([]);
  });

  it('rejects bad input with 400/404 and never a 500', async () => {
    const cases: Array<[Record<string, string | number | boolean | string[]>, number, string]> = [
      [{ table: 'missing' }, 404, 'TABLE_NOT_FOUND'],
      [{ table: 'people', order: 'nope.desc' }, 404, 'COLUMN_NOT_FOUND'],
      [{ table: 'people', filter: ['age.between.1'] }, 400, 'INVALID_FILTER'],
      [{ table: 'people', filter: ['age.eq.abc'] }, 400, '22P02'],
      [{ table: 'people', filter: ['age.is.maybe'] }, 400, 'INVALID_FILTER'],
      [{ table: 'people', filter: ['ghost.eq.1'] }, 404, 'COLUMN_NOT_FOUND'],
      [{ table: 'people', after: 'not json' }, 400, 'INVALID_CURSOR'],
      [{ table: 'people', after: '["1","2"]' }, 400, 'INVALID_CURSOR'],
      [{ table: 'people', after: '["1"]', before: '["2"]' }, 400, 'INVALID_CURSOR'],
      [{ table: 'people', after: '["x"]' }, 400, '22P02'],
      [{ table: 'people', limit: 0 }, 400, 'VALIDATION_ERROR'],
      [{ table: 'people', role: 'admin' }, 400, 'VALIDATION_ERROR'],
      [{ table: 'people', sub: 'alice' }, 400, 'VALIDATION_ERROR'],
      [{ table: 'people', order: 'pos' }, 400, '42883'],
      [{ schema: 'trestle', table: 'api_keys' }, 404, 'TABLE_NOT_FOUND'],
    ];
    for (const [query, status, code] of cases) {
      const res = await browse(query);
      expect(res.statusCode, JSON.stringify(query)).toBe(status);
      expect(res.json().code, JSON.stringify(query)).toBe(code);
    }
    const cell = await t.service({ method: 'GET', url: '/api/sql/cell', query: { schema: 'public', table: 'people', column: 'name', pk: '{"id":99999}' } });
    expect(cell.statusCode).toBe(404);
    const badPk = await t.service({ method: 'GET', url: '/api/sql/cell', query: { schema: 'public', table: 'people', column: 'name', pk: '{"name":"x"}' } });
    expect(badPk.json().code).toBe('INVALID_PK');
    const noKey = await t.service({ method: 'GET', url: '/api/sql/cell', query: { schema: 'public', table: 'nokey', column: 'v', pk: '{"v":1}' } });
    expect(noKey.json().code).toBe('NO_PRIMARY_KEY');
  });
});

describe('edit queue', () => {
  const apply = (edits: unknown[], table = 'people') => t.service({ method: 'POST', url: '/api/sql/rows/apply', payload: { schema: 'public', table, edits } });

  it('applies updates, inserts and deletes in one transaction and audits it', async () => {
    const res = await apply([
      { op: 'update', pk: { id: 1 }, set: { name: 'renamed', age: '41', tags: ['a', 'b,c', null], doc: { k: [1, 2] }, mood: 'happy' } },
      { op: 'insert', values: { id: 500, name: 'new person' } },
      { op: 'delete', pk: { id: 2 } },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.applied).toBe(3);
    expect(body.results[0].row).toMatchObject({ id: 1, name: 'renamed', age: 41, tags: ['a', 'b,c', null], doc: { k: [1, 2] }, mood: 'happy' });
    expect(body.results[1].row).toMatchObject({ id: 500, name: 'new person', age: null });
    const { rows } = await t.sql.query('SELECT id FROM people WHERE id IN (1, 2, 500) ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 500]);
    const { rows: audit } = await t.sql.query(`SELECT detail FROM trestle.audit_log WHERE action = 'table.rows.apply'`);
    expect(audit[0].detail).toMatchObject({ edits: 3, ops: { update: 1, insert: 1, delete: 1 } });
  });

  it('applies nothing when one edit fails, and names the edit and column', async () => {
    const before = (await t.sql.query('SELECT * FROM people ORDER BY id')).rows;
    const cases: Array<[unknown[], number, string, number, string | null]> = [
      [[{ op: 'update', pk: { id: 3 }, set: { name: 'changed' } }, { op: 'update', pk: { id: 4 }, set: { age: 'forty' } }], 400, '22P02', 1, 'age'],
      [[{ op: 'delete', pk: { id: 5 } }, { op: 'insert', values: { id: 600 } }], 400, '23502', 1, 'name'],
      [[{ op: 'insert', values: { id: 601, name: 'x' } }, { op: 'insert', values: { id: 3, name: 'dup' } }], 409, '23505', 1, 'id'],
      [[{ op: 'update', pk: { id: 3 }, set: { name: 'changed' } }, { op: 'update', pk: { id: 424242 }, set: { name: 'x' } }], 404, 'ROW_NOT_FOUND', 1, null],
      [[{ op: 'update', pk: { id: 3 }, set: { mood: 'angry' } }], 400, '22P02', 0, 'mood'],
    ];
    for (const [edits, status, code, index, column] of cases) {
      const res = await apply(edits);
      expect(res.statusCode, JSON.stringify(edits)).toBe(status);
      const body = res.json();
      expect(body.code).toBe(code);
      expect(body.detail).toMatchObject({ edit: index, column });
      expect(body.message).toMatch(new RegExp(`^Edit ${index} `));
    }
    for (const [edits, code] of [
      [[{ op: 'update', pk: { id: 3 }, set: { ghost: 1 } }], 'COLUMN_NOT_FOUND'],
      [[{ op: 'update', pk: { name: 'x' }, set: { age: 1 } }], 'INVALID_PK'],
      [[{ op: 'update', pk: { id: 3 }, set: {} }], 'EMPTY_UPDATE'],
      [[{ op: 'upsert', values: {} }], 'VALIDATION_ERROR'],
      [[], 'VALIDATION_ERROR'],
    ] as Array<[unknown[], string]>) {
      const res = await apply(edits);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.json().code).toBe(code);
    }
    expect((await apply([{ op: 'delete', pk: { v: 1 } }], 'nokey')).json().code).toBe('NO_PRIMARY_KEY');
    expect((await t.sql.query('SELECT * FROM people ORDER BY id')).rows).toEqual(before);
  });
});

describe('import', () => {
  it('imports CSV with a column mapping in one transaction, and names the failing row', async () => {
    await t.sql.query('CREATE TABLE imported (id int PRIMARY KEY, label text, score numeric, note text)');
    const csv = 'key,title,points,skip\r\n1,"hello, world",1.5,x\n2,"say ""hi""",,y\n3,"",2,z\n';
    const ok = await t.service({
      method: 'POST', url: '/api/sql/import',
      payload: { schema: 'public', table: 'imported', csv, mapping: { key: 'id', title: 'label', points: 'score', skip: null } },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ inserted: 3, columns: ['id', 'label', 'score'] });
    const { rows } = await t.sql.query('SELECT id, label, score FROM imported ORDER BY id');
    expect(rows).toEqual([
      { id: 1, label: 'hello, world', score: '1.5' }, { id: 2, label: 'say "hi"', score: null }, { id: 3, label: '', score: '2' },
    ]);
    const bad = await t.service({
      method: 'POST', url: '/api/sql/import',
      payload: { schema: 'public', table: 'imported', columns: ['id', 'score'], rows: [[10, 1], [11, 'lots'], [12, 3]] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: '22P02', detail: { row: 2 } });
    expect((await t.sql.query('SELECT count(*)::int AS n FROM imported')).rows[0].n).toBe(3);
    for (const payload of [
      { schema: 'public', table: 'imported', csv: 'nope\n1\n' },
      { schema: 'public', table: 'imported', csv: 'id\n"1\n' },
      { schema: 'public', table: 'imported', columns: ['id'], rows: [[1, 2]] },
      { schema: 'public', table: 'imported', columns: ['id'] },
      { schema: 'public', table: 'missing', columns: ['id'], rows: [[1]] },
    ]) {
      const res = await t.service({ method: 'POST', url: '/api/sql/import', payload });
      expect([400, 404], JSON.stringify(payload)).toContain(res.statusCode);
    }
  });
});

describe('demo seed', () => {
  it('creates the demo table that the grid benchmark pages through', async () => {
    const { seedDemoTable } = await import('../../studio/seed-demo.js');
    await seedDemoTable(t.sql, { table: 'demo_small', rows: 3000 });
    const last = (await browse({ table: 'demo_small', last: true, limit: 50 })).json();
    expect(last.rows.map((r: { id: string }) => Number(r.id))).toEqual(Array.from({ length: 50 }, (_v, i) => 2951 + i));
    expect(last).toMatchObject({ count: 3000, count_exact: true, has_next: false, has_previous: true });
    expect(last.truncated).toContainEqual({ row: 49, column: 'notes', length: 5200 });
    const inserted = await t.service({ method: 'POST', url: '/api/sql/rows/apply', payload: { schema: 'public', table: 'demo_small', edits: [{ op: 'insert', values: { name: 'n', email: 'e', score: 1, active: true, created_at: '2025-01-01T00:00:00Z' } }] } });
    expect(inserted.json().results[0].row.id).toBe('3001');
  });
});
