// Catalog items: event triggers whose function is the user's (Trestle's own, which tell the API about DDL, are not).
import { quoteIdent, quoteLiteral } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

const ENABLED: Record<string, string> = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

export function eventTriggerEnabledSql(name: string, enabled: string): string {
  return `ALTER EVENT TRIGGER ${quoteIdent(name)} ${ENABLED[enabled] ?? 'ENABLE'};`;
}

export async function readEventTriggers({ c, scope, oids, currentUser }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; name: string; event: string; tags: string[] | null; function: string; fn_schema: string;
    fn_name: string; fn_args: string; enabled: string; owner: string; comment: string | null }>(
    `SELECT e.oid::int AS oid, e.evtname AS name, e.evtevent AS event, e.evttags AS tags, quote_ident(n.nspname) || '.' || quote_ident(f.proname) AS function,
            n.nspname AS fn_schema, f.proname AS fn_name, pg_get_function_identity_arguments(f.oid) AS fn_args, e.evtenabled::text AS enabled,
            pg_get_userbyid(e.evtowner) AS owner, obj_description(e.oid, 'pg_event_trigger') AS comment
       FROM pg_event_trigger e JOIN pg_proc f ON f.oid = e.evtfoid JOIN pg_namespace n ON n.oid = f.pronamespace
      WHERE ${userSchema('n')} AND ${notFromExtension('pg_event_trigger', 'e.oid')}`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const key = keyOf.eventTrigger(r.name);
    oids.set('pg_event_trigger', r.oid, key);
    const when = r.tags?.length ? ` WHEN TAG IN (${r.tags.map(quoteLiteral).join(', ')})` : '';
    const definition = `CREATE EVENT TRIGGER ${quoteIdent(r.name)} ON ${r.event}${when} EXECUTE FUNCTION ${r.function}();`;
    const sql = [definition, ...(r.enabled === 'O' ? [] : [eventTriggerEnabledSql(r.name, r.enabled)])].join('\n');
    const target = `EVENT TRIGGER ${quoteIdent(r.name)}`;
    return [
      item('event_trigger', key, 'post', sql, { name: r.name, definition, enabled: r.enabled }, [keyOf.function(r.fn_schema, r.fn_name, r.fn_args)]),
      ...propertyItems({ key, commentTarget: target, comment: r.comment, owner: { alterTarget: target, owner: r.owner, defaultOwner: currentUser } }),
    ];
  });
}
