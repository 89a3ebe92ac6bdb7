// Catalog items: sequences (not identity ones, which belong to their column) and their OWNED BY; plus the
// current values of every sequence for the data part of a dump.
import { qualified, quoteIdent, quoteLiteral } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type Client, type ReadContext, type Scope } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type SequenceData } from './model.js';
import { propertyItems } from './properties.js';

interface SequenceRow extends SequenceData {
  oid: number; owned_table: string | null; owned_schema: string | null; owned_column: string | null; identity: boolean;
  owner: string; comment: string | null; acl: string[] | null;
}

const SEQUENCES = `
  SELECT s.oid::int AS oid, n.nspname AS schema, s.relname AS name, format_type(q.seqtypid, NULL) AS type, q.seqstart::text AS start,
         q.seqincrement::text AS increment, q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,
         t.relname AS owned_table, tn.nspname AS owned_schema, a.attname AS owned_column, coalesce(d.deptype = 'i', false) AS identity,
         pg_get_userbyid(s.relowner) AS owner, obj_description(s.oid, 'pg_class') AS comment, s.relacl::text[] AS acl
    FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
   WHERE s.relkind = 'S' AND ${userSchema('n')} AND ${notFromExtension('pg_class', 's.oid')}`;

export function sequenceSql(name: string, s: SequenceData, verb: 'CREATE' | 'ALTER'): string {
  return `${verb} SEQUENCE ${name} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} `
    + `START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : verb === 'ALTER' ? ' NO CYCLE' : ''};`;
}

export async function readSequences({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<SequenceRow>(SEQUENCES, scopeParams(scope));
  return rows.filter((s) => !s.identity).flatMap((s) => {
    const name = qualified(s.schema, s.name);
    const key = keyOf.relation('sequence', s.schema, s.name);
    oids.set('pg_class', s.oid, key);
    const data: SequenceData = { schema: s.schema, name: s.name, type: s.type, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle };
    const out: CatalogItem[] = [item('sequence', key, 'pre', sequenceSql(name, data, 'CREATE'), data, [keyOf.schema(s.schema)])];
    const owned = s.owned_table && s.owned_column && s.owned_schema;
    if (owned) {
      const table = keyOf.relation('table', s.owned_schema!, s.owned_table!);
      const sql = `ALTER SEQUENCE ${name} OWNED BY ${qualified(s.owned_schema!, s.owned_table!)}.${quoteIdent(s.owned_column!)};`;
      out.push(item('sequence_owner', `sequence_owner ${name}`, 'pre', sql, { definition: sql }, [key, table]));
    }
    const target = `SEQUENCE ${name}`;
    out.push(...propertyItems({
      key, commentTarget: target, comment: s.comment,
      // A sequence owned by a column follows its table's owner (ALTER SEQUENCE … OWNER TO is refused for it).
      owner: owned ? undefined : { alterTarget: target, owner: s.owner, defaultOwner: currentUser },
      acl: { target, kind: 's', owner: s.owner, ...aclOf('s', s.owner, s.acl) },
    }));
    return out;
  });
}

/** setval for every sequence in scope, identity ones included, from the values in the dumped database. */
export async function sequenceValues(c: Client, scope: Scope): Promise<string[]> {
  const { rows } = await c.query<SequenceRow>(`${SEQUENCES} ORDER BY n.nspname, s.relname`, [scope.exclude, scope.include]);
  const out: string[] = [];
  for (const s of rows) {
    const name = qualified(s.schema, s.name);
    const { rows: v } = await c.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${name}`);
    out.push(`SELECT pg_catalog.setval(${quoteLiteral(name)}, ${v[0].last_value}, ${v[0].is_called});`);
  }
  return out;
}
