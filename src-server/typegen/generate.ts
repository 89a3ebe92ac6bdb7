// TypeScript types for supabase-js, made by the engine behind `supabase gen types` (@supabase/postgrest-typegen):
// introspection of the requested schemas, then its TypeScript generator, so the output is what Supabase emits.
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';

/** Trestle's own schema is never part of an app's types, even when asked for. */
const HIDDEN = new Set(['trestle', 'pg_catalog', 'information_schema', 'pg_toast']);

/** The PostgREST feature level Trestle's data API offers (no max-affected, no spread on to-many). */
export const POSTGREST_VERSION = '12';

export const DEFAULT_TYPE_SCHEMAS = ['public'];

/** `public,app` → ['public', 'app'] (public when empty); names Trestle keeps to itself are dropped. */
export function parseSchemas(raw: string | string[] | undefined | null): string[] {
  const list = (Array.isArray(raw) ? raw : (raw ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    if (s.length > 63) throw new ApiError(400, 'VALIDATION_ERROR', `Schema name ${s.slice(0, 20)}… is longer than 63 characters`);
  }
  const wanted = [...new Set(list.length ? list : DEFAULT_TYPE_SCHEMAS)];
  return wanted.filter((s) => !HIDDEN.has(s) && !s.startsWith('pg_'));
}

export async function generateTypes(db: Database, schemas: string[]): Promise<string> {
  if (schemas.length === 0) throw new ApiError(400, 'VALIDATION_ERROR', 'No schema to generate types for', { hint: 'Pass included_schemas=public (Trestle\'s own schemas are never included)' });
  // Loaded on first use: the generator's formatter is a native module, and a platform without it should lose
  // this endpoint, not the server.
  const { introspect } = await import('@supabase/postgrest-typegen/introspection');
  const { generateTypescript, sortGeneratorMetadata } = await import('@supabase/postgrest-typegen/generation');
  // Through the pool: the introspection's queries run side by side on their own connections.
  const metadata = await introspect({ query: (sql: string) => db.query(sql) }, { includedSchemas: schemas, excludedSchemas: [...HIDDEN] });
  return generateTypescript(sortGeneratorMetadata(metadata), {
    postgrestVersion: POSTGREST_VERSION, detectOneToOneRelationships: true, defaultSchema: 'public',
  });
}
