// Dump: functions and procedures (check_function_bodies is off while loading, so bodies may name later objects).
import { notFromExtension, userSchema, type Client } from './catalog.js';

/**
 * `late` are those whose signature names a table's or view's row type: they can only be created after it.
 * The others come before tables, since column defaults and checks may call them.
 */
export async function dumpFunctions(c: Client): Promise<{ early: string[]; late: string[] }> {
  const { rows } = await c.query<{ def: string; late: boolean }>(
    `SELECT pg_get_functiondef(p.oid) AS def,
            EXISTS (SELECT 1 FROM pg_type ty JOIN pg_class r ON r.oid = ty.typrelid
                     WHERE r.relkind IN ('r', 'p', 'v', 'm') AND (ty.oid = p.prorettype OR ty.oid = ANY(p.proargtypes::oid[])
                       OR ty.oid = ANY(coalesce(p.proallargtypes, '{}'::oid[])))) AS late
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${notFromExtension('pg_proc', 'p.oid')}
      ORDER BY p.oid`);
  const sql = (r: { def: string }) => `${r.def.trim()};`;
  return { early: rows.filter((r) => !r.late).map(sql), late: rows.filter((r) => r.late).map(sql) };
}
