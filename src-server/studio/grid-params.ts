// Parses the table browser's sort, filter and cursor parameters into typed terms (no database needed).
// Filters use the REST API's operators: `col.op.value` or `col.not.op.value`, e.g. `age.gte.18`, `name.ilike.*bob*`.
import { badRequest } from '../errors.js';

export const FILTER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface FilterTerm {
  column: string;
  op: FilterOp;
  negate: boolean;
  /** Text for comparisons and patterns, a list for `in`, a keyword for `is`. */
  value: string | string[];
}

export interface OrderTerm {
  column: string;
  direction: 'asc' | 'desc';
}

export const IS_VALUES = ['null', 'not_null', 'true', 'false', 'unknown'] as const;

const FILTER_RE = new RegExp(`^(.+?)\\.(not\\.)?(${FILTER_OPS.join('|')})\\.([\\s\\S]*)$`);

/** PostgREST list syntax: `(a,b,"c,d")`; double quotes protect commas, `\"` escapes a quote inside them. */
export function parseList(raw: string): string[] {
  const text = raw.trim();
  if (!text.startsWith('(') || !text.endsWith(')')) {
    throw badRequest('INVALID_FILTER', `An "in" filter needs a list in parentheses, e.g. in.(1,2,3); got "${raw}"`);
  }
  const body = text.slice(1, -1);
  const items: string[] = [];
  let i = 0;
  if (body.trim() === '') return items;
  while (i <= body.length) {
    while (body[i] === ' ') i++;
    if (body[i] === '"') {
      let value = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\' && i + 1 < body.length) i++;
        value += body[i++];
      }
      i++;
      items.push(value);
      while (i < body.length && body[i] !== ',') i++;
      i++;
    } else {
      const comma = body.indexOf(',', i);
      const end = comma < 0 ? body.length : comma;
      items.push(body.slice(i, end).trim());
      i = end + 1;
    }
  }
  return items;
}

export function parseFilter(raw: string): FilterTerm {
  const m = FILTER_RE.exec(raw);
  if (!m) {
    throw badRequest('INVALID_FILTER', `Filter "${raw}" is not column.operator.value`, {
      hint: `Operators: ${FILTER_OPS.join(', ')}; prefix with not. to negate, e.g. status.not.eq.done`,
    });
  }
  const [, column, not, op, value] = m;
  const term: FilterTerm = { column, op: op as FilterOp, negate: Boolean(not), value };
  if (op === 'in') term.value = parseList(value);
  if (op === 'is' && !(IS_VALUES as readonly string[]).includes(value.toLowerCase())) {
    throw badRequest('INVALID_FILTER', `"is" takes one of ${IS_VALUES.join(', ')}; got "${value}"`);
  }
  if (op === 'is') term.value = value.toLowerCase();
  return term;
}

/** `a.desc,b` or `a.asc`; a column without a direction sorts ascending. */
export function parseOrder(raw: string): OrderTerm[] {
  return raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const m = /^(.+)\.(asc|desc)$/i.exec(part);
    return m ? { column: m[1], direction: m[2].toLowerCase() as 'asc' | 'desc' } : { column: part, direction: 'asc' as const };
  });
}

/** A keyset cursor: the JSON array of the sort key values (as text, or null) of a row. */
export function parseCursor(raw: string, length: number): Array<string | null> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid JSON', { hint: 'Pass back cursor.first or cursor.last from a previous page unchanged' });
  }
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => v === null || typeof v === 'string')) {
    throw badRequest('INVALID_CURSOR', `The cursor must be a JSON array of ${length} strings or nulls (one per sort key)`, {
      hint: 'Cursors are only valid for the sort order they were returned with',
    });
  }
  return value as Array<string | null>;
}

/** `*` is the REST API's like wildcard. */
export function likePattern(value: string): string {
  return value.replace(/\*/g, '%');
}

/** Escapes LIKE metacharacters so quick search matches the text literally. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
