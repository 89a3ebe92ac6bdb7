// Catalog items: logical replication publications (e.g. supabase_realtime) with their tables, column lists and
// row filters; tables outside the read's scope are left out of the list.
import { qualified, quoteIdent } from '../../db/quote.js';
import { scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

interface PublicationRow {
  name: string; all_tables: boolean; publish: string[]; via_root: boolean; owner: string; comment: string | null;
  tables: Array<{ schema: string; name: string; columns: string[] | null; filter: string | null }> | null;
  schemas: string[] | null;
}

export async function readPublications({ c, scope, currentUser }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<PublicationRow>(
    `SELECT p.pubname AS name, p.puballtables AS all_tables, p.pubviaroot AS via_root, pg_get_userbyid(p.pubowner) AS owner,
            obj_description(p.oid, 'pg_publication') AS comment,
            array_remove(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
              CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END], NULL) AS publish,
            (SELECT json_agg(json_build_object('schema', n.nspname, 'name', t.relname, 'filter', pg_get_expr(r.prqual, r.prrelid),
                'columns', (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(r.prattrs)))
                ORDER BY n.nspname, t.relname)
               FROM pg_publication_rel r JOIN pg_class t ON t.oid = r.prrelid JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE r.prpubid = p.oid AND ${userSchema('n')}) AS tables,
            (SELECT array_agg(n.nspname ORDER BY n.nspname) FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid
              WHERE pn.pnpubid = p.oid AND ${userSchema('n')}) AS schemas
       FROM pg_publication p`,
    scopeParams(scope));
  return rows.flatMap((p) => {
    const key = keyOf.publication(p.name);
    const targets = [
      ...(p.tables ?? []).map((t) => `TABLE ${qualified(t.schema, t.name)}${t.columns ? ` (${t.columns.map(quoteIdent).join(', ')})` : ''}${t.filter ? ` WHERE (${t.filter})` : ''}`),
      ...(p.schemas ?? []).map((s) => `TABLES IN SCHEMA ${quoteIdent(s)}`),
    ];
    const forClause = p.all_tables ? ' FOR ALL TABLES' : targets.length ? ` FOR ${targets.join(', ')}` : '';
    const sql = `CREATE PUBLICATION ${quoteIdent(p.name)}${forClause} WITH (publish = '${p.publish.join(', ')}', publish_via_partition_root = ${p.via_root});`;
    const deps = [...(p.tables ?? []).map((t) => keyOf.relation('table', t.schema, t.name)), ...(p.schemas ?? []).map(keyOf.schema)];
    const target = `PUBLICATION ${quoteIdent(p.name)}`;
    return [
      item('publication', key, 'post', sql, { definition: sql }, deps),
      ...propertyItems({ key, commentTarget: target, comment: p.comment, owner: { alterTarget: target, owner: p.owner, defaultOwner: currentUser } }),
    ];
  });
}
