// Catalog items: user triggers (not the internal ones behind foreign keys, not a partition's clone of its
// parent's, and not Trestle's own webhook and realtime triggers, whose functions live in the trestle schema).
import { qualified, quoteIdent } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type TriggerData } from './model.js';
import { propertyItems } from './properties.js';

const ENABLED: Record<string, string> = { D: 'DISABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' };

export function triggerEnabledSql(table: string, name: string, enabled: string): string {
  return `ALTER TABLE ${table} ${ENABLED[enabled] ?? 'ENABLE TRIGGER'} ${quoteIdent(name)};`;
}

export async function readTriggers({ c, scope, oids }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; schema: string; table: string; relkind: string; name: string; def: string; enabled: string;
    constraint: boolean; comment: string | null }>(
    `SELECT g.oid::int AS oid, n.nspname AS schema, t.relname AS table, t.relkind::text AS relkind, g.tgname AS name,
            pg_get_triggerdef(g.oid) AS def, g.tgenabled::text AS enabled, g.tgconstraint <> 0 AS constraint,
            obj_description(g.oid, 'pg_trigger') AS comment
       FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_proc f ON f.oid = g.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace
      WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND fn.nspname <> 'trestle' AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const table = qualified(r.schema, r.table);
    const key = keyOf.onTable('trigger', table, r.name);
    oids.set('pg_trigger', r.oid, key);
    const owner = keyOf.relation(r.relkind === 'v' ? 'view' : 'table', r.schema, r.table);
    const data: TriggerData = { table: owner, name: r.name, definition: `${r.def};`, enabled: r.enabled, isConstraint: r.constraint };
    const sql = [data.definition, ...(r.enabled === 'O' ? [] : [triggerEnabledSql(table, r.name, r.enabled)])].join('\n');
    return [
      item('trigger', key, 'post', sql, data, [owner]),
      ...propertyItems({ key, commentTarget: `TRIGGER ${quoteIdent(r.name)} ON ${table}`, comment: r.comment }),
    ];
  });
}
