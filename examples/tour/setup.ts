// Applies the tour's schema.sql to a running Trestle as a recorded migration (POST /v1/database/migrations, which
// needs a service_role key). Running it again changes nothing: a migration is applied once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiUrl = process.env.SUPABASE_URL || 'http://localhost:8787';
const serviceKey = process.env.TRESTLE_SERVICE_KEY;
if (!serviceKey) {
  console.error('Set TRESTLE_SERVICE_KEY to the service_role key Trestle printed on its first start (truss_sk_…).');
  process.exit(1);
}

const query = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.sql'), 'utf8');
const res = await fetch(new URL('/v1/database/migrations', apiUrl), {
  method: 'POST',
  headers: { apikey: serviceKey, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'tour_schema', query }),
}).catch((err: Error) => {
  console.error(`Could not reach Trestle at ${apiUrl} (${err.cause instanceof Error ? err.cause.message : err.message}): is it running (npm start)?`);
  return process.exit(1);
});
const body = (await res.json()) as { applied?: boolean; version?: string; message?: string; code?: string };
if (!res.ok) {
  console.error(`Could not apply schema.sql: ${res.status} ${body.code ?? ''} ${body.message ?? ''}`);
  process.exit(1);
}
console.log(body.applied ? `Applied schema.sql as migration ${body.version} (tour_schema).` : 'schema.sql was already applied.');
