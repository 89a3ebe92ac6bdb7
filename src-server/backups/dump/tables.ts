// Catalog items: tables (plain, partitioned, partitions, inheritance children) with their columns, defaults,
// identity and generated columns; their row level security switches, replica identity, column comments and grants.
import { qualified, quoteIdent } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type Column, type TableData } from './model.js';
import { propertyItems } from './properties.js';

interface TableRow {
  oid: number; reltype: number; array: number; schema: string; name: string; relkind: string; unlogged: boolean; options: string[] | null;
  partition_key: string | null; partition_of: { schema: string; name: string } | null; partition_bound: string | null;
  inherits: Array<{ schema: string; name: string }> | null; rls: boolean; force_rls: boolean; replident: string;
  replident_index: { name: string; constraint: boolean } | null;
  owner: string; comment: string | null; acl: string[] | null;
}

interface ColumnRow extends Column {
  relid: number; comment: string | null; acl: string[] | null;
}

const TABLES = `
  SELECT t.oid::int AS oid, t.reltype::int AS reltype, (SELECT typarray::int FROM pg_type WHERE oid = t.reltype) AS array,
         n.nspname AS schema, t.relname AS name, t.relkind::text AS relkind, t.relpersistence = 'u' AS unlogged, t.reloptions AS options,
         CASE WHEN t.relkind = 'p' THEN pg_get_partkeydef(t.oid) END AS partition_key,
         CASE WHEN t.relispartition THEN (SELECT json_build_object('schema', pn.nspname, 'name', p.relname) FROM pg_inherits i
           JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = t.oid) END AS partition_of,
         CASE WHEN t.relispartition THEN pg_get_expr(t.relpartbound, t.oid) END AS partition_bound,
         CASE WHEN NOT t.relispartition THEN (SELECT json_agg(json_build_object('schema', pn.nspname, 'name', p.relname) ORDER BY i.inhseqno)
           FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = t.oid) END AS inherits,
         t.relrowsecurity AS rls, t.relforcerowsecurity AS force_rls, t.relreplident::text AS replident,
         (SELECT json_build_object('name', ic.relname, 'constraint', EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = t.oid))
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = t.oid AND i.indisreplident) AS replident_index,
         pg_get_userbyid(t.relowner) AS owner, obj_description(t.oid, 'pg_class') AS comment, t.relacl::text[] AS acl
    FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE t.relkind IN ('r', 'p') AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}`;

const COLUMNS = `
  SELECT a.attrelid::int AS relid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
         pg_get_expr(ad.adbin, ad.adrelid) AS default, a.attidentity::text AS identity, a.attgenerated::text AS generated, a.attislocal AS local,
         CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)
              THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
                      JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS collation,
         CASE WHEN a.attidentity <> '' THEN (SELECT 'SEQUENCE NAME ' || quote_ident(sn.nspname) || '.' || quote_ident(s.relname)
             || ' START WITH ' || q.seqstart || ' INCREMENT BY ' || q.seqincrement || ' MINVALUE ' || q.seqmin || ' MAXVALUE ' || q.seqmax
             || ' CACHE ' || q.seqcache || CASE WHEN q.seqcycle THEN ' CYCLE' ELSE '' END
           FROM pg_depend d JOIN pg_class s ON s.oid = d.objid JOIN pg_namespace sn ON sn.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
          WHERE d.classid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i') END AS "identitySequence",
         col_description(a.attrelid, a.attnum) AS comment,
         a.attacl::text[] AS acl
    FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
   WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attrelid, a.attnum`;

/** A column as CREATE TABLE and ALTER TABLE … ADD COLUMN write it. */
export function columnSql(col: Column): string {
  let line = `${quoteIdent(col.name)} ${col.type}`;
  if (col.collation) line += ` COLLATE ${col.collation}`;
  if (col.generated === 's') line += ` GENERATED ALWAYS AS (${col.default}) STORED`;
  else if (col.generated === 'v') line += ` GENERATED ALWAYS AS (${col.default}) VIRTUAL`;
  else if (col.default !== null) line += ` DEFAULT ${col.default}`;
  const options = col.identitySequence ? ` (${col.identitySequence})` : '';
  if (col.identity === 'a') line += ` GENERATED ALWAYS AS IDENTITY${options}`;
  if (col.identity === 'd') line += ` GENERATED BY DEFAULT AS IDENTITY${options}`;
  if (col.notNull) line += ' NOT NULL';
  return line;
}

function tableSql(t: TableData): string {
  const name = qualified(t.schema, t.name);
  const unlogged = t.unlogged ? 'UNLOGGED ' : '';
  let sql: string;
  if (t.partitionOf) sql = `CREATE ${unlogged}TABLE ${name} PARTITION OF ${t.partitionOf} ${t.partitionBound}`;
  else {
    const lines = t.columns.filter((col) => col.local).map((col) => `  ${columnSql(col)}`);
    sql = `CREATE ${unlogged}TABLE ${name} (\n${lines.join(',\n')}\n)`;
    if (t.inherits.length) sql += ` INHERITS (${t.inherits.join(', ')})`;
  }
  if (t.partitionKey) sql += ` PARTITION BY ${t.partitionKey}`;
  if (t.options.length) sql += ` WITH (${t.options.join(', ')})`;
  return sql + ';';
}

const REPLICA_IDENTITY: Record<string, string> = { f: 'FULL', n: 'NOTHING' };

export async function readTables({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  const { rows: tables } = await c.query<TableRow>(TABLES, scopeParams(scope));
  const { rows: columns } = await c.query<ColumnRow>(COLUMNS, [tables.map((t) => t.oid)]);
  const byTable = new Map<number, ColumnRow[]>();
  for (const col of columns) {
    const list = byTable.get(col.relid);
    if (list) list.push(col);
    else byTable.set(col.relid, [col]);
  }
  return tables.flatMap((t) => {
    const name = qualified(t.schema, t.name);
    const key = keyOf.relation('table', t.schema, t.name);
    for (const oid of [t.oid, t.reltype, t.array]) oids.set(oid === t.oid ? 'pg_class' : 'pg_type', oid, key);
    const cols = byTable.get(t.oid) ?? [];
    const parents = t.partition_of ? [t.partition_of] : t.inherits ?? [];
    const data: TableData = {
      schema: t.schema, name: t.name, relkind: t.relkind, unlogged: t.unlogged, options: t.options ?? [],
      columns: cols.map(({ name, type, collation, default: def, identity, generated, notNull, local, identitySequence }) =>
        ({ name, type, collation, default: def, identity, generated, notNull, local, identitySequence })),
      partitionKey: t.partition_key, partitionOf: t.partition_of && qualified(t.partition_of.schema, t.partition_of.name),
      partitionBound: t.partition_bound, inherits: (t.inherits ?? []).map((p) => qualified(p.schema, p.name)),
      copyColumns: t.relkind === 'p' ? [] : cols.filter((col) => col.generated === '').map((col) => col.name),
    };
    const deps = [keyOf.schema(t.schema), ...parents.map((p) => keyOf.relation('table', p.schema, p.name))];
    const out: CatalogItem[] = [item('table', key, 'pre', tableSql(data), data, deps)];
    const rls = [t.rls && `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`, t.force_rls && `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`].filter(Boolean).join('\n');
    out.push(item('rls', `rls ${name}`, 'post', rls, { table: key, enabled: t.rls, forced: t.force_rls }, [key]));
    const replica = t.replident === 'i' && t.replident_index ? `USING INDEX ${quoteIdent(t.replident_index.name)}` : REPLICA_IDENTITY[t.replident];
    if (replica) {
      const index = t.replident_index && (t.replident_index.constraint
        ? keyOf.onTable('constraint', name, t.replident_index.name) : keyOf.index(t.schema, t.replident_index.name));
      const sql = `ALTER TABLE ${name} REPLICA IDENTITY ${replica};`;
      out.push(item('replica_identity', `replica_identity ${name}`, 'post', sql, { table: key, definition: sql }, index ? [key, index] : [key]));
    }
    const target = `TABLE ${name}`;
    out.push(...propertyItems({
      key, commentTarget: target, comment: t.comment,
      owner: { alterTarget: target, owner: t.owner, defaultOwner: currentUser },
      acl: { target, kind: 'r', owner: t.owner, ...aclOf('r', t.owner, t.acl) },
    }));
    for (const col of cols) {
      if (col.comment === null && col.acl === null) continue;
      out.push(...propertyItems({
        key: keyOf.column(name, col.name), commentTarget: `COLUMN ${name}.${quoteIdent(col.name)}`, comment: col.comment,
        acl: col.acl ? { target, kind: 'c', owner: t.owner, ...aclOf('c', t.owner, col.acl), column: col.name } : undefined,
      }).map((p) => (p.deps.add(key), p)));
    }
    return out;
  });
}
