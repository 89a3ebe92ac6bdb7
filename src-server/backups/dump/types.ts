// Catalog items: enum, composite, domain and range types defined by the user.
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type TypeData } from './model.js';
import { propertyItems } from './properties.js';

interface TypeRow {
  oid: number; relid: number; array: number; multirange: number | null; schema: string; name: string; typtype: string;
  formatted: string; array_formatted: string;
  labels: string[] | null; attributes: Array<{ name: string; type: string }> | null; base: string | null; notnull: boolean;
  def: string | null; checks: Array<{ name: string; def: string }> | null; collation: string | null;
  range_subtype: string | null; range_opclass: string | null; range_diff: string | null; multirange_name: string | null;
  owner: string; comment: string | null; acl: string[] | null;
}

const COLLATION = (oid: string) => `(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ${oid})`;

export function typeSql(name: string, t: TypeData): string {
  if (t.typtype === 'e') return `CREATE TYPE ${name} AS ENUM (${t.labels.map(quoteLiteral).join(', ')});`;
  if (t.typtype === 'c') return `CREATE TYPE ${name} AS (${t.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(', ')});`;
  if (t.typtype === 'r') return `CREATE TYPE ${name} AS RANGE (${t.base});`;
  let sql = `CREATE DOMAIN ${name} AS ${t.base}`;
  if (t.collation) sql += ` COLLATE ${t.collation}`;
  if (t.default !== null) sql += ` DEFAULT ${t.default}`;
  if (t.notNull) sql += ' NOT NULL';
  for (const check of t.checks) sql += ` CONSTRAINT ${quoteIdent(check.name)} ${check.def}`;
  return sql + ';';
}

export async function readTypes({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<TypeRow>(
    `SELECT t.oid::int AS oid, t.typrelid::int AS relid, t.typarray::int AS array, r.rngmultitypid::int AS multirange,
            n.nspname AS schema, t.typname AS name, t.typtype::text AS typtype,
            format_type(t.oid, NULL) AS formatted, format_type(t.typarray, NULL) AS array_formatted,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
            (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
               FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
            t.typnotnull AS notnull, t.typdefault AS def,
            (SELECT json_agg(json_build_object('name', k.conname, 'def', pg_get_constraintdef(k.oid)) ORDER BY k.conname)
               FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks,
            CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT typcollation FROM pg_type WHERE oid = t.typbasetype)
                 THEN ${COLLATION('t.typcollation')} END AS collation,
            format_type(r.rngsubtype, NULL) AS range_subtype,
            CASE WHEN r.rngsubopc <> 0 AND NOT (SELECT opcdefault FROM pg_opclass WHERE oid = r.rngsubopc)
                 THEN (SELECT quote_ident(on_.nspname) || '.' || quote_ident(o.opcname) FROM pg_opclass o JOIN pg_namespace on_ ON on_.oid = o.opcnamespace WHERE o.oid = r.rngsubopc) END AS range_opclass,
            CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS range_diff,
            (SELECT quote_ident(mn.nspname) || '.' || quote_ident(m.typname) FROM pg_type m JOIN pg_namespace mn ON mn.oid = m.typnamespace WHERE m.oid = r.rngmultitypid) AS multirange_name,
            pg_get_userbyid(t.typowner) AS owner, obj_description(t.oid, 'pg_type') AS comment,
            t.typacl::text[] AS acl
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_range r ON r.rngtypid = t.oid
      WHERE ${userSchema('n')} AND ${notFromExtension('pg_type', 't.oid')}
        AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const name = qualified(r.schema, r.name);
    const key = keyOf.type(r.schema, r.name);
    for (const oid of [r.oid, r.array, r.multirange]) if (oid) oids.set('pg_type', oid, key);
    if (r.relid) oids.set('pg_class', r.relid, key);
    let base = r.base;
    if (r.typtype === 'r') {
      base = [`SUBTYPE = ${r.range_subtype}`, r.range_opclass && `SUBTYPE_OPCLASS = ${r.range_opclass}`,
        r.range_diff && `SUBTYPE_DIFF = ${r.range_diff}`, r.multirange_name && `MULTIRANGE_TYPE_NAME = ${r.multirange_name}`]
        .filter(Boolean).join(', ');
    }
    const data: TypeData = {
      schema: r.schema, name: r.name, formatted: r.formatted, arrayFormatted: r.array_formatted, typtype: r.typtype, labels: r.labels ?? [], attributes: r.attributes ?? [], base,
      default: r.def, notNull: r.notnull, checks: r.checks ?? [], collation: r.collation,
    };
    const target = `${r.typtype === 'd' ? 'DOMAIN' : 'TYPE'} ${name}`;
    return [
      item('type', key, 'pre', typeSql(name, data), data, [keyOf.schema(r.schema)]),
      ...propertyItems({
        key, commentTarget: target, comment: r.comment,
        owner: { alterTarget: target, owner: r.owner, defaultOwner: currentUser },
        acl: { target: `TYPE ${name}`, kind: 'T', owner: r.owner, ...aclOf('T', r.owner, r.acl) },
      }),
    ];
  });
}
