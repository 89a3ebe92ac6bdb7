// Seeds public.demo_million (1,000,000 rows by default) for the grid benchmark and e2e tests.
// Usage: DATABASE_URL=postgres://… npx tsx bench/seed-million.ts [rows] [table]
import pg from 'pg';
import { seedDemoTable } from '../src-server/studio/seed-demo.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required (the Trestle database, e.g. postgres://postgres@127.0.0.1:54322/trestle)\n');
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  const { ms } = await seedDemoTable(client, { rows, table: process.argv[3] });
  process.stdout.write(`seeded ${rows ?? 1_000_000} rows in ${ms} ms\n`);
} finally {
  await client.end();
}
