// Validates the pieces of table-editor DDL that must be written into SQL text (DDL takes no bind parameters):
// type names are parsed, then resolved by Postgres itself and replaced by format_type's canonical spelling;
// literal defaults are cast by Postgres and re-quoted from its output; expression defaults come from a fixed list.
import type { Queryable } from '../db/database.js';
import { quoteLiteral } from '../db/quote.js';
import { badRequest } from '../errors.js';

const NAME = String.raw`(?:"[^"\u0000]{1,63}"|[A-Za-z_][A-Za-z0-9_]*)`;
const TYPE_SYNTAX = new RegExp(
  String.raw`^${NAME}(?:\.${NAME})?(?:\s+[A-Za-z_]+)*\s*(?:\(\s*\d{1,5}\s*(?:,\s*\d{1,5}\s*)?\))?(?:\s+[A-Za-z_]+)*(?:\s*\[\s*\d*\s*\])*$`,
);

/** The canonical type name (format_type) of a type the user typed, or a 400. */
export async function resolveType(db: Queryable, typed: string): Promise<string> {
  const text = typed.trim();
  if (text.length > 200 || !TYPE_SYNTAX.test(text)) {
    throw badRequest('INVALID_TYPE', `"${typed}" is not a type name`, { hint: 'e.g. text, bigint, numeric(10,2), varchar(80), timestamptz, jsonb, text[]' });
  }
  const { rows } = await db.query<{ name: string | null; typtype: string | null }>(
    `SELECT format_type(t.oid, to_regtypemod($1)) AS name, t.typtype FROM pg_type t WHERE t.oid = to_regtype($1)`, [text]);
  const row = rows[0];
  if (!row?.name) throw badRequest('UNKNOWN_TYPE', `Type "${typed}" does not exist`, { detail: { type: typed } });
  if (row.typtype === 'p') throw badRequest('INVALID_TYPE', `"${typed}" is a pseudo-type and cannot be a column type`);
  return row.name;
}

export type DefaultSpec = { literal: string | number | boolean } | { expression: string };

/** Defaults that are expressions rather than constants: normalised spelling → the SQL written. */
const DEFAULT_EXPRESSIONS: Record<string, string> = {
  'now()': 'now()',
  'current_timestamp': 'CURRENT_TIMESTAMP',
  'current_date': 'CURRENT_DATE',
  'current_time': 'CURRENT_TIME',
  'localtimestamp': 'LOCALTIMESTAMP',
  'clock_timestamp()': 'clock_timestamp()',
  'statement_timestamp()': 'statement_timestamp()',
  'transaction_timestamp()': 'transaction_timestamp()',
  'gen_random_uuid()': 'gen_random_uuid()',
  'uuidv4()': 'uuidv4()',
  'uuidv7()': 'uuidv7()',
  'auth.uid()': 'auth.uid()',
  'current_user': 'CURRENT_USER',
  'null': 'NULL',
};

export const ALLOWED_DEFAULT_EXPRESSIONS = Object.keys(DEFAULT_EXPRESSIONS);

/** The SQL text of a column default, validated against the column's (canonical) type. */
export async function defaultSql(db: Queryable, spec: DefaultSpec, type: string): Promise<string> {
  if ('expression' in spec) {
    const sql = DEFAULT_EXPRESSIONS[spec.expression.trim().toLowerCase().replace(/\s+/g, '')];
    if (!sql) {
      throw badRequest('INVALID_DEFAULT', `Default expression "${spec.expression}" is not supported`, {
        hint: `Use a literal default, or one of: ${ALLOWED_DEFAULT_EXPRESSIONS.join(', ')}`,
      });
    }
    return sql;
  }
  // Postgres casts the value (a bind parameter) and prints it back: only its output is quoted into the DDL.
  const { rows } = await db.query<{ v: string }>(`SELECT ($1::text)::${type}::text AS v`, [String(spec.literal)]);
  return `${quoteLiteral(rows[0].v)}::${type}`;
}
