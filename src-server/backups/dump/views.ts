// Catalog items: views (with their options, e.g. security_invoker) and materialized views (created empty, filled
// by a refresh item after the data and indexes).
import { qualified } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type ViewData } from './model.js';
import { propertyItems } from './properties.js';

export function viewSql(kind: 'view' | 'matview', v: ViewData, opts: { orReplace?: boolean; withData?: boolean } = {}): string {
  const name = qualified(v.schema, v.name);
  const options = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
  const body = v.definition.trim().replace(/;$/, '');
  if (kind === 'view') return `CREATE ${opts.orReplace ? 'OR REPLACE ' : ''}VIEW ${name}${options} AS\n${body};`;
  return `CREATE MATERIALIZED VIEW ${name}${options} AS\n${body}\nWITH ${opts.withData ? '' : 'NO '}DATA;`;
}

export async function readViews({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; reltype: number; array: number; rules: number[] | null; schema: string; name: string; kind: string;
    def: string; options: string[] | null; columns: Array<{ name: string; type: string }>; owner: string; comment: string | null;
    acl: string[] | null }>(
    `SELECT v.oid::int AS oid, v.reltype::int AS reltype, (SELECT typarray::int FROM pg_type WHERE oid = v.reltype) AS array,
            (SELECT array_agg(r.oid::int) FROM pg_rewrite r WHERE r.ev_class = v.oid) AS rules,
            n.nspname AS schema, v.relname AS name, v.relkind::text AS kind, pg_get_viewdef(v.oid) AS def, v.reloptions AS options,
            (SELECT coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum), '[]')
               FROM pg_attribute a WHERE a.attrelid = v.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            pg_get_userbyid(v.relowner) AS owner, obj_description(v.oid, 'pg_class') AS comment, v.relacl::text[] AS acl
       FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace
      WHERE v.relkind IN ('v', 'm') AND ${userSchema('n')} AND ${notFromExtension('pg_class', 'v.oid')}`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const kind = r.kind === 'v' ? 'view' : 'matview';
    const key = keyOf.relation(kind, r.schema, r.name);
    oids.set('pg_class', r.oid, key);
    oids.set('pg_type', r.reltype, key);
    oids.set('pg_type', r.array, key);
    for (const rule of r.rules ?? []) oids.set('pg_rewrite', rule, key);
    const data: ViewData = { schema: r.schema, name: r.name, definition: r.def, options: r.options ?? [], columns: r.columns };
    const name = qualified(r.schema, r.name);
    const out: CatalogItem[] = [item(kind, key, 'pre', viewSql(kind, data), data, [keyOf.schema(r.schema)])];
    if (kind === 'matview') {
      const sql = `REFRESH MATERIALIZED VIEW ${name};`;
      out.push(item('refresh', `refresh ${name}`, 'post', sql, { definition: sql }, [key]));
    }
    const target = `${kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW'} ${name}`;
    out.push(...propertyItems({
      key, commentTarget: target, comment: r.comment,
      owner: { alterTarget: target, owner: r.owner, defaultOwner: currentUser },
      acl: { target: `TABLE ${name}`, kind: 'r', owner: r.owner, ...aclOf('r', r.owner, r.acl) },
    }));
    return out;
  });
}
