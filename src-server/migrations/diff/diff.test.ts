import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createDatabase } from '../../../test/helpers/app.js';
import { withDb } from '../../../test/helpers/db.js';
import { quoteIdent } from '../../db/quote.js';
import { dumpSchema } from '../../backups/dump/dump.js';
import { EVERY_KIND_FIXTURE } from '../../backups/dump/fixture-every-kind.js';
import { inSnapshot, readCatalog } from '../../backups/dump/read.js';
import { diffCatalogs, diffSql } from './diff.js';

async function copyOf(template: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  } finally {
    await admin.end();
  }
  return name;
}

const catalogOf = (db: string) => withDb(db, (c) => inSnapshot(c, () => readCatalog(c)));
const schemaOf = (db: string) => withDb(db, (c) => dumpSchema(c));

/** Diffs `from` → `to`, applies the DDL to `from` in one transaction, and checks both now dump the same schema. */
async function promote(from: string, to: string) {
  const diff = diffCatalogs(await catalogOf(from), await catalogOf(to));
  const sql = diffSql(diff);
  await withDb(from, async (c) => {
    await c.query('BEGIN');
    await c.query(sql).catch((err: Error) => {
      throw new Error(`${err.message}\n--- diff ---\n${sql}`, { cause: err });
    });
    await c.query('COMMIT');
  });
  expect(await schemaOf(from)).toBe(await schemaOf(to));
  expect(diffCatalogs(await catalogOf(from), await catalogOf(to)).statements).toEqual([]);
  return diff;
}

let base: string;

beforeAll(async () => {
  base = await createDatabase('diffbase');
  await withDb(base, (c) => c.query(EVERY_KIND_FIXTURE));
});
afterAll(async () => undefined);

describe('branch diff', () => {
  it('is empty between a database and its copy', async () => {
    const copy = await copyOf(base, 'diffcopy');
    expect(diffCatalogs(await catalogOf(base), await catalogOf(copy)).statements).toEqual([]);
  });

  it('adds a table, column, index, policy, function and enum; changes defaults, views, grants, comments, owners and triggers', async () => {
    const main = await copyOf(base, 'diffmain');
    const branch = await copyOf(base, 'diffbranch');
    await withDb(branch, (c) => c.query(`
      CREATE TYPE shop.priority AS ENUM ('low', 'high');
      ALTER TYPE shop.status ADD VALUE 'refunded' BEFORE 'shipped';
      CREATE TABLE shop.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id int REFERENCES shop.orders (id),
        body text NOT NULL, priority shop.priority DEFAULT 'low');
      CREATE INDEX notes_order_idx ON shop.notes (order_id);
      ALTER TABLE shop.notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY notes_read ON shop.notes FOR SELECT TO fixture_reader USING (true);
      CREATE FUNCTION shop.note_count(o int) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM shop.notes WHERE order_id = o $$;
      ALTER TABLE shop.customers ADD COLUMN phone text;
      ALTER TABLE shop.customers ALTER COLUMN tier SET DEFAULT 2;
      ALTER TABLE shop.customers ALTER COLUMN name SET NOT NULL;
      CREATE OR REPLACE FUNCTION shop.normalize(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
      CREATE OR REPLACE VIEW shop.order_totals WITH (security_invoker = true) AS
        SELECT o.id, c.email, (o.total).amount AS amount, o.status FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id;
      COMMENT ON TABLE shop.customers IS 'Buyers';
      COMMENT ON INDEX shop.orders_customer_idx IS NULL;
      GRANT SELECT ON shop.items TO fixture_reader;
      REVOKE SELECT ON shop.by_customer FROM fixture_reader;
      ALTER TABLE shop.orders ENABLE TRIGGER orders_touch_off;
      ALTER TABLE shop.orders NO FORCE ROW LEVEL SECURITY;
      ALTER TABLE shop.scratch OWNER TO fixture_reader;
      DROP POLICY orders_own ON shop.orders;
      CREATE POLICY orders_own ON shop.orders FOR SELECT TO fixture_reader USING (customer_id > 1);
    `));
    const diff = await promote(main, branch);
    expect(diff.statements.filter((s) => s.destructive)).toEqual([]);
    const sql = diffSql(diff);
    expect(sql).toContain(`ALTER TYPE "shop"."status" ADD VALUE 'refunded' BEFORE 'shipped';`);
    expect(sql).toContain('CREATE TABLE "shop"."notes"');
    expect(sql).toContain('ALTER TABLE "shop"."customers" ADD COLUMN "phone" text;');
    expect(sql).toContain('CREATE OR REPLACE VIEW "shop"."order_totals"');
  });

  it('drops and converts with destructive statements flagged', async () => {
    const main = await copyOf(base, 'diffmain');
    const branch = await copyOf(base, 'diffbranch');
    await withDb(branch, (c) => c.query(`
      DROP VIEW shop.cheap_items;
      DROP TABLE shop.scratch;
      ALTER TABLE shop.special_items DROP COLUMN discount;
      ALTER TABLE shop.orders ALTER COLUMN invoice TYPE bigint;
      DROP PUBLICATION shop_changes;
      DROP EVENT TRIGGER shop_log_ddl;
    `));
    const diff = await promote(main, branch);
    const destructive = diff.statements.filter((s) => s.destructive).map((s) => s.sql);
    expect(destructive).toEqual(expect.arrayContaining([
      'DROP TABLE "shop"."scratch";',
      'ALTER TABLE "shop"."special_items" DROP COLUMN "discount";',
      expect.stringContaining('ALTER TABLE "shop"."orders" ALTER COLUMN "invoice" TYPE bigint'),
    ]));
  });

  it('takes main back to where it was (the reverse diff)', async () => {
    const main = await copyOf(base, 'diffmain');
    const branch = await copyOf(base, 'diffbranch');
    await withDb(main, (c) => c.query(`
      CREATE TYPE shop.priority AS ENUM ('low', 'high');
      CREATE TABLE shop.notes (id bigint PRIMARY KEY, priority shop.priority);
      ALTER TYPE shop.status RENAME VALUE 'paid' TO 'settled';
      UPDATE shop.orders SET status = 'new' WHERE status = 'settled';
      -- The last column, so adding it back puts it where it was (a diff cannot reorder columns).
      ALTER TABLE shop.customers DROP COLUMN email_key;
    `));
    const diff = await promote(main, branch);
    expect(diff.statements.filter((s) => s.destructive).map((s) => s.destructive)).toEqual([
      'drops table "shop"."notes" and its rows', `rebuilds enum "shop"."status" without 'settled' (rows holding them make it fail)`,
    ]);
  });
});
