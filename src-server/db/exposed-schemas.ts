// The schemas the data API exposes are usable by service_role (which is not the owner): recorded for the
// CREATE SCHEMA event trigger (migration 4), and granted now where an exposed schema already exists.
import type { Queryable } from './database.js';

export async function ensureExposedSchemaGrants(db: Queryable, schemas: string[]): Promise<void> {
  await db.query(
    `INSERT INTO trestle.settings (key, value) VALUES ('exposed_schemas', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now() WHERE settings.value IS DISTINCT FROM excluded.value`,
    [JSON.stringify(schemas)],
  );
  await db.query(
    `SELECT trestle.grant_exposed_schema(n.nspname) FROM pg_namespace n
      WHERE n.nspname = ANY($1::text[]) AND n.nspname <> 'trestle' AND NOT has_schema_privilege('service_role', n.oid, 'USAGE')`,
    [schemas],
  );
}
