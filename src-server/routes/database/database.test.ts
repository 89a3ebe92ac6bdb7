import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE SCHEMA shop;
    CREATE TYPE shop.order_state AS ENUM ('new', 'paid', 'shipped');
    CREATE TABLE shop.customers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL UNIQUE,
      name varchar(80),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON TABLE shop.customers IS 'People who buy';
    CREATE TABLE shop.orders (
      id bigserial PRIMARY KEY,
      customer_id bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
      total numeric(10, 2) NOT NULL CHECK (total > 0),
      total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,
      state shop.order_state NOT NULL DEFAULT 'new'
    );
    CREATE INDEX orders_open_idx ON shop.orders (customer_id) WHERE state <> 'shipped';
    CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch();
    ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;
    ALTER TABLE shop.orders FORCE ROW LEVEL SECURITY;
    CREATE POLICY own_orders ON shop.orders FOR SELECT TO authenticated USING (customer_id::text = (auth.uid())::text);
    CREATE POLICY insert_orders ON shop.orders AS RESTRICTIVE FOR INSERT TO anon, authenticated WITH CHECK (total < 1000);
    CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE total > 100;
    CREATE TABLE public."odd ""name""" (x int);
    INSERT INTO shop.customers (email) VALUES ('a@x'), ('b@x'), ('c@x');
    ANALYZE shop.customers;
  `);
});
afterAll(async () => t?.close());

const get = (url: string) => t.service({ method: 'GET', url });

describe('database introspection', () => {
  it('describes every user schema, without Postgres\' or Trestle\'s own', async () => {
    const res = await get('/v1/database/schema');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toBe(t.database);
    const names = body.schemas.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['public', 'shop']));
    expect(names.some((n: string) => n.startsWith('pg_') || n === 'information_schema' || n === 'trestle')).toBe(false);
    expect(body.tables.some((tb: { schema: string }) => tb.schema === 'trestle')).toBe(false);
    expect(body.schemas.find((s: { name: string }) => s.name === 'shop').table_count).toBe(3);
    // The auth schema (GoTrue's tables and enums) is a user-visible schema, as on Supabase.
    expect(body.enums.filter((e: { schema: string }) => e.schema !== 'auth')).toEqual([{ schema: 'shop', name: 'order_state', values: ['new', 'paid', 'shipped'] }]);
    expect(body.tables.find((tb: { name: string }) => tb.name === 'odd "name"')).toMatchObject({ schema: 'public', kind: 'table' });
  });

  it('filters by schema and 404s unknown or internal schemas', async () => {
    const shop = (await get('/v1/database/schema?schema=shop')).json();
    expect(shop.tables.map((tb: { name: string }) => tb.name)).toEqual(['big_orders', 'customers', 'orders']);
    expect(shop.tables.find((tb: { name: string }) => tb.name === 'big_orders').kind).toBe('view');
    for (const schema of ['nope', 'trestle', 'pg_catalog', 'information_schema']) {
      const res = await get(`/v1/database/schema?schema=${schema}`);
      expect(res.statusCode, schema).toBe(404);
      expect(res.json().code).toBe('SCHEMA_NOT_FOUND');
    }
    const tooLong = await get(`/v1/database/schema?schema=${'x'.repeat(64)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('gives a table\'s columns, keys, indexes, triggers, RLS and policies', async () => {
    const res = await get('/v1/database/tables/shop/orders');
    expect(res.statusCode).toBe(200);
    const orders = res.json();
    expect(orders).toMatchObject({ schema: 'shop', name: 'orders', kind: 'table', rls: { enabled: true, forced: true }, primary_key: ['id'] });
    const col = (name: string) => orders.columns.find((c: { name: string }) => c.name === name);
    expect(col('id')).toMatchObject({ data_type: 'bigint', nullable: false, is_primary_key: true, is_identity: false, default: expect.stringContaining('nextval') });
    expect(col('total')).toMatchObject({ data_type: 'numeric(10,2)', nullable: false, default: null });
    expect(col('total_cents')).toMatchObject({ is_generated: true, default: null, generation_expression: expect.stringContaining('total') });
    expect(col('state')).toMatchObject({ data_type: 'shop.order_state', udt_name: 'order_state', default: "'new'::shop.order_state" });
    expect(orders.columns.map((c: { position: number }) => c.position)).toEqual([1, 2, 3, 4, 5]);

    expect(orders.foreign_keys).toEqual([expect.objectContaining({
      columns: ['customer_id'], referenced_schema: 'shop', referenced_table: 'customers', referenced_columns: ['id'],
      on_delete: 'CASCADE', on_update: 'NO ACTION',
    })]);
    expect(orders.check_constraints[0]).toMatchObject({ columns: ['total'], definition: expect.stringContaining('total > ') });
    const partial = orders.indexes.find((i: { name: string }) => i.name === 'orders_open_idx');
    expect(partial).toMatchObject({ columns: ['customer_id'], is_unique: false, is_primary: false, method: 'btree', predicate: expect.stringContaining('shipped') });
    expect(orders.indexes.find((i: { is_primary: boolean }) => i.is_primary)).toMatchObject({ columns: ['id'], is_unique: true });
    expect(orders.triggers).toEqual([expect.objectContaining({
      name: 'orders_touch', timing: 'BEFORE', events: ['INSERT', 'UPDATE'], level: 'ROW', function: 'shop.touch', enabled: true,
    })]);
    expect(orders.policies).toEqual([
      expect.objectContaining({ name: 'insert_orders', command: 'INSERT', permissive: false, roles: ['anon', 'authenticated'], using: null, with_check: expect.stringContaining('1000') }),
      expect.objectContaining({ name: 'own_orders', command: 'SELECT', permissive: true, roles: ['authenticated'], using: expect.stringContaining('uid'), with_check: null }),
    ]);

    const customers = (await get('/v1/database/tables/shop/customers')).json();
    expect(customers).toMatchObject({ comment: 'People who buy', row_estimate: 3, rls: { enabled: false, forced: false } });
    expect(customers.size_bytes).toBeGreaterThan(0);
    expect(customers.columns[0]).toMatchObject({ name: 'id', is_identity: true, identity_generation: 'ALWAYS' });
    expect(customers.unique_constraints).toEqual([expect.objectContaining({ columns: ['email'] })]);
  });

  it('404s unknown tables and hides Trestle\'s own', async () => {
    for (const url of ['/v1/database/tables/shop/nope', '/v1/database/tables/trestle/api_keys', '/v1/database/tables/nope/orders']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toMatch(/^(TABLE|SCHEMA)_NOT_FOUND$/);
    }
    expect((await get('/v1/database/tables/shop/nope')).json().code).toBe('TABLE_NOT_FOUND');
    const odd = await get(`/v1/database/tables/public/${encodeURIComponent('odd "name"')}`);
    expect(odd.statusCode).toBe(200);
    expect(odd.json().columns[0].name).toBe('x');
  });

  it('needs a service_role key', async () => {
    expect((await t.anon({ method: 'GET', url: '/v1/database/schema' })).statusCode).toBe(403);
    expect((await t.anon({ method: 'GET', url: '/v1/database/tables/shop/orders' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/database/schema' })).statusCode).toBe(401);
  });
});
