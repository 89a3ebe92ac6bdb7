// User-written SQL expressions inside DDL (CHECK constraints, RLS policies, partial indexes). DDL takes no bind
// parameters, so an expression is checked to be one self-contained expression (balanced parentheses, no statement
// separator, no parameters) and then compiled by Postgres against the table, with the extended protocol (which
// refuses more than one statement), before it is written into the DDL that the preview shows and apply runs.
import type { Queryable } from '../db/database.js';
import { isDatabaseError } from '../db/pg-errors.js';
import { badRequest } from '../errors.js';
import { tokenize } from './sql-tokens.js';
import type { TableMeta } from './table-meta.js';
import { qualified } from '../db/quote.js';

function checkShape(expr: string, what: string): string {
  const text = expr.trim();
  const invalid = (reason: string) => badRequest('INVALID_EXPRESSION', `${what}: ${reason}`, { detail: { expression: expr } });
  if (!text) throw invalid('the expression is empty');
  if (text.length > 10_000) throw invalid('the expression is longer than 10,000 characters');
  let depth = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'param') throw invalid('parameters ($1) cannot be used here');
    if (t.kind !== 'punct') continue;
    if (t.value === ';') throw invalid('a ";" ends a statement; write a single expression');
    if (t.value === '(') depth++;
    if (t.value === ')' && --depth < 0) throw invalid('a ")" has no matching "("');
  }
  if (depth !== 0) throw invalid('a "(" is not closed');
  return text;
}

/** A boolean expression over the table's columns, compiled by Postgres (nothing runs: WHERE false). */
export async function booleanExpression(db: Queryable, meta: TableMeta, expr: string, what: string): Promise<string> {
  const text = checkShape(expr, what);
  try {
    // The extra bind parameter forces the extended protocol, which refuses a second statement.
    await db.query(`SELECT (${text})::boolean FROM ${qualified(meta.schema, meta.name)} WHERE $1::boolean LIMIT 0`, [false]);
  } catch (err) {
    if (!isDatabaseError(err)) throw err;
    throw badRequest('INVALID_EXPRESSION', `${what}: ${err.message}`, { detail: { expression: expr, postgres_code: err.code ?? null }, hint: err.hint });
  }
  return text;
}
