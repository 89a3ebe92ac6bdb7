// Schemas that hold the platform (Trestle's own, and the Supabase-compatible modules'), not the user's tables:
// left out of the user's table counts.
import { quoteLiteral } from './quote.js';

export const PLATFORM_SCHEMAS = ['trestle', 'auth', 'extensions', 'storage', 'realtime', 'supabase_migrations'] as const;

/** The schemas as a SQL list of literals, for `NOT IN (…)`. */
export const PLATFORM_SCHEMA_LIST = PLATFORM_SCHEMAS.map(quoteLiteral).join(', ');
