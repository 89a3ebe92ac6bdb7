// postgres_changes filters (`room_id=eq.5`, `status=in.(a,"b,c")`, `deleted_at=is.null`, `title=not.like.%x%`):
// parsed once at join, checked against the table's columns and types, then evaluated on each event's row in
// memory with SQL's three-valued logic (a comparison with NULL passes nothing, not even neq).
import { splitTopLevel, unquote } from '../rest/parse.js';
import { FilterError } from './errors.js';
import type { ColumnMeta, Row } from './types.js';

const OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'is', 'like', 'ilike'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Condition {
  column: string;
  op: Operator;
  negate: boolean;
  /** One value; `in` has a list; `is` has null | true | false | 'unknown'. */
  values: string[];
  is?: boolean | null | 'unknown';
}

type Kind = 'number' | 'boolean' | 'time' | 'text';
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);
const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

function kindOf(type: string): Kind {
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === 'bool') return 'boolean';
  if (TIME_TYPES.has(type)) return 'time';
  return 'text';
}

/** Throws a message from FilterError on malformed input. */
export function parseFilter(filter: string): Condition[] {
  return splitTopLevel(filter).map((part) => {
    const m = /^([^=]+)=(not\.)?([a-z]+)\.(.*)$/s.exec(part.trim());
    if (!m) throw new Error(FilterError.syntax(filter));
    const [, column, not, op, raw] = m;
    if (!(OPERATORS as readonly string[]).includes(op)) throw new Error(FilterError.operator(op));
    const condition: Condition = { column: column.trim(), op: op as Operator, negate: Boolean(not), values: [] };
    if (op === 'in') {
      const list = /^\((.*)\)$/s.exec(raw.trim());
      if (!list) throw new Error(FilterError.syntax(filter));
      condition.values = list[1].trim() === '' ? [] : splitTopLevel(list[1]).map((v) => unquote(v.trim()));
    } else if (op === 'is') {
      const v = raw.trim().toLowerCase();
      if (!['null', 'true', 'false', 'unknown'].includes(v)) throw new Error(FilterError.value(raw, 'is'));
      condition.is = v === 'null' ? null : v === 'unknown' ? 'unknown' : v === 'true';
    } else condition.values = [unquote(raw.trim())];
    return condition;
  });
}

/** At join: the columns exist, the subscriber may read them, and the values fit their types. */
export function checkConditions(conditions: Condition[], columns: ColumnMeta[], readable: Set<string>, table: string): void {
  for (const c of conditions) {
    const column = columns.find((col) => col.name === c.column);
    if (!column) throw new Error(FilterError.column(c.column, table));
    if (!readable.has(c.column)) throw new Error(FilterError.privilege(c.column));
    const kind = kindOf(column.type);
    for (const v of c.values) {
      if (kind === 'number' && (v.trim() === '' || Number.isNaN(Number(v)))) throw new Error(FilterError.value(v, column.type));
      if (kind === 'boolean' && parseBool(v) === undefined) throw new Error(FilterError.value(v, column.type));
      if (kind === 'time' && Number.isNaN(Date.parse(v))) throw new Error(FilterError.value(v, column.type));
    }
  }
}

function parseBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['t', 'true', 'yes', 'on', '1'].includes(s)) return true;
  if (['f', 'false', 'no', 'off', '0'].includes(s)) return false;
  return undefined;
}

function likeToRegExp(pattern: string, caseless: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%' || ch === '*') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseless ? 'i' : '');
}

/** -1, 0, 1; or null when either side is not comparable (NULL, or not a number/time where one is needed). */
function compare(value: unknown, literal: string, kind: Kind): number | null {
  if (value === null || value === undefined) return null;
  if (kind === 'number') {
    const a = Number(value);
    const b = Number(literal);
    return Number.isNaN(a) || Number.isNaN(b) ? null : Math.sign(a - b);
  }
  if (kind === 'boolean') {
    const a = typeof value === 'boolean' ? value : parseBool(String(value));
    const b = parseBool(literal);
    return a === undefined || b === undefined ? null : Number(a) - Number(b);
  }
  if (kind === 'time') {
    const a = Date.parse(String(value));
    const b = Date.parse(literal);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.sign(a - b);
  }
  const a = typeof value === 'string' ? value : JSON.stringify(value);
  return a === literal ? 0 : a < literal ? -1 : 1;
}

function test(c: Condition, value: unknown, kind: Kind): boolean | null {
  switch (c.op) {
    case 'is':
      if (c.is === null) return value === null || value === undefined;
      if (c.is === 'unknown') return value === null || value === undefined;
      return value === null || value === undefined ? false : compare(value, String(c.is), 'boolean') === 0;
    case 'in': {
      if (value === null || value === undefined) return null;
      return c.values.some((v) => compare(value, v, kind) === 0);
    }
    case 'like':
    case 'ilike':
      if (value === null || value === undefined) return null;
      return likeToRegExp(c.values[0], c.op === 'ilike').test(typeof value === 'string' ? value : JSON.stringify(value));
    default: {
      const order = compare(value, c.values[0], kind);
      if (order === null) return null;
      switch (c.op) {
        case 'eq': return order === 0;
        case 'neq': return order !== 0;
        case 'lt': return order < 0;
        case 'lte': return order <= 0;
        case 'gt': return order > 0;
        default: return order >= 0;
      }
    }
  }
}

/** Every condition holds for the row (AND); unknown counts as not holding. */
export function matches(conditions: Condition[], row: Row | null, columns: ColumnMeta[]): boolean {
  if (conditions.length === 0) return true;
  if (!row) return false;
  return conditions.every((c) => {
    const type = columns.find((col) => col.name === c.column)?.type ?? 'text';
    const result = test(c, row[c.column], kindOf(type));
    if (result === null) return false;
    return c.negate ? !result : result;
  });
}
