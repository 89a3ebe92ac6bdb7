// npm run bench: every benchmark, one after another, printing its figures. Pass names to run a subset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const ALL = ['startup', 'shutdown', 'rest', 'driver', 'edge', 'webhooks', 'realtime', 'branch', 'grid', 'schema', 'storage', 'auth', 'gateway'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of wanted) {
  const file = `bench/${name}.ts`;
  if (!fs.existsSync(file)) {
    console.log(`\n== ${name}: not present, skipped`);
    continue;
  }
  console.log(`\n== ${name}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
