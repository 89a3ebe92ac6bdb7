// Parses a data API query string into the typed AST (PostgREST grammar); no database needed. Headers: headers.ts.
import { ApiError } from '../errors.js';
import {
  AGGREGATES, FTS, OPERATORS, QUANTIFIABLE, type AggregateName, type ColumnItem, type Condition, type EmbedItem, type Field,
  type Filter, type JsonStep, type Level, type Logic, type Operator, type OrderTerm, type QueryAst, type SelectItem,
} from './ast.js';

export const MAX_LIMIT = 10_000;
const MAX_DEPTH = 16;
const OPERATOR_SET = new Set<string>(OPERATORS);

export function parseError(message: string, details: string | null = null, hint: string | null = null): ApiError {
  return new ApiError(400, 'PGRST100', message, { detail: details, hint });
}

const NAME_CHAR = /[\p{L}\p{N}_$@#]/u;

/** A small cursor over a string, shared by the select, field and order grammars. */
class Scanner {
  pos = 0;
  constructor(readonly text: string, readonly what: string) {}
  get done() { return this.pos >= this.text.length; }
  peek(n = 0) { return this.text[this.pos + n] ?? ''; }
  startsWith(s: string) { return this.text.startsWith(s, this.pos); }
  skipSpaces() { while (this.peek() === ' ') this.pos++; }
  eat(s: string): boolean {
    if (!this.startsWith(s)) return false;
    this.pos += s.length;
    return true;
  }
  expect(s: string) {
    if (!this.eat(s)) throw this.fail(`expected "${s}"`);
  }
  fail(msg: string): ApiError {
    return parseError(`"failed to parse ${this.what} (${this.text.slice(0, 200)})" (line 1, column ${this.pos + 1})`, msg);
  }
  /** A quoted "name" (with "" or \" escapes) or a run of name characters ('-' allowed when not '->'). */
  name(): string {
    if (this.peek() === '"') {
      this.pos++;
      let out = '';
      while (!this.done) {
        const c = this.peek();
        if (c === '\\' && this.peek(1) !== '') { out += this.peek(1); this.pos += 2; continue; }
        if (c === '"') {
          if (this.peek(1) === '"') { out += '"'; this.pos += 2; continue; }
          this.pos++;
          if (out === '') throw this.fail('empty quoted name');
          return out;
        }
        out += c;
        this.pos++;
      }
      throw this.fail('unterminated quoted name');
    }
    const start = this.pos;
    while (!this.done) {
      const c = this.peek();
      if (NAME_CHAR.test(c) || (c === '-' && this.peek(1) !== '>' && this.pos > start) || (c === ' ' && this.pos > start && NAME_CHAR.test(this.peek(1)))) this.pos++;
      else break;
    }
    if (this.pos === start) throw this.fail('expected a name');
    return this.text.slice(start, this.pos).trim();
  }
  field(): Field {
    const name = this.name();
    const path: JsonStep[] = [];
    while (this.startsWith('->')) {
      const arrow = this.eat('->>') ? '->>' : (this.eat('->'), '->');
      const m = /^-?\d+(?![\p{L}_$])/u.exec(this.text.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        path.push({ arrow, key: m[0], index: Number(m[0]) });
      } else path.push({ arrow, key: this.name() });
    }
    return { name, path };
  }
}

function parseCast(s: Scanner): string | undefined {
  if (!s.eat('::')) return undefined;
  const m = /^[A-Za-z_][A-Za-z0-9_]*( precision| varying)?(\[\])?/.exec(s.text.slice(s.pos));
  if (!m) throw s.fail('expected a type name after "::"');
  s.pos += m[0].length;
  return m[0].toLowerCase();
}

function parseSelectList(s: Scanner, depth: number): SelectItem[] {
  if (depth > MAX_DEPTH) throw s.fail('embedding is nested too deeply');
  const items: SelectItem[] = [];
  for (;;) {
    s.skipSpaces();
    items.push(parseSelectItem(s, depth));
    s.skipSpaces();
    if (!s.eat(',')) break;
  }
  return items;
}

const AGGREGATE_SUFFIX = new RegExp(`^\\.(${AGGREGATES.join('|')})\\(\\)`);

function parseEmbed(s: Scanner, depth: number, name: string, alias: string | undefined, spread: boolean): EmbedItem {
  const embed: EmbedItem = { kind: 'embed', name, alias, inner: false, spread, empty: false, select: [] };
  while (s.eat('!')) {
    const word = s.name();
    if (word === 'inner') embed.inner = true;
    else if (word === 'left') embed.inner = false;
    else if (embed.hint === undefined) embed.hint = word;
    else throw s.fail('only one relationship hint is allowed');
  }
  s.expect('(');
  s.skipSpaces();
  if (s.peek() === ')') embed.empty = true;
  else embed.select = parseSelectList(s, depth + 1);
  s.expect(')');
  return embed;
}

function parseSelectItem(s: Scanner, depth: number): SelectItem {
  if (s.eat('*')) return { kind: 'star' };
  if (s.eat('...')) {
    const name = s.name();
    s.skipSpaces();
    if (s.peek() !== '(' && s.peek() !== '!') throw s.fail('expected "(" after a spread resource');
    return parseEmbed(s, depth, name, undefined, true);
  }
  let alias: string | undefined;
  const save = s.pos;
  const first = s.name();
  s.skipSpaces();
  if (s.peek() === ':' && s.peek(1) !== ':') {
    s.pos++;
    s.skipSpaces();
    alias = first;
  } else s.pos = save;
  if (s.startsWith('count()')) {
    s.pos += 'count()'.length;
    return { kind: 'count', alias, cast: parseCast(s) };
  }
  const field = s.field();
  s.skipSpaces();
  if (field.path.length === 0 && (s.peek() === '!' || s.peek() === '(')) return parseEmbed(s, depth, field.name, alias, false);
  const item: ColumnItem = { kind: 'column', field, alias, cast: parseCast(s) };
  const agg = s.peek() === '.' ? AGGREGATE_SUFFIX.exec(s.text.slice(s.pos)) : null;
  if (agg) {
    s.pos += agg[0].length;
    item.aggregate = agg[1] as AggregateName;
    item.aggregateCast = parseCast(s);
  }
  return item;
}

export function parseSelect(text: string): SelectItem[] {
  const trimmed = text.trim();
  if (trimmed === '') return [{ kind: 'star' }];
  const s = new Scanner(trimmed, 'select parameter');
  const items = parseSelectList(s, 0);
  if (!s.done) throw s.fail(`unexpected "${s.peek()}"`);
  return items;
}

/** Splits at top-level commas, keeping (…), {…}, […] and "…" together. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A PostgREST double-quoted value ("a,b") without its quotes and backslash escapes; other values as they are. */
export function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

function parseInList(raw: string): string[] {
  const v = raw.trim();
  if (!v.startsWith('(') || !v.endsWith(')')) throw parseError(`"failed to parse filter (in.${raw.slice(0, 200)})"`, 'in. needs a parenthesised list: in.(a,b)');
  const inner = v.slice(1, -1);
  if (inner.trim() === '') return [];
  return splitTopLevel(inner).map((p) => unquote(p.trim()));
}

/** `[not.]op[(modifier)].value` → a condition on `field`. */
export function parseCondition(field: Field, raw: string, inLogic = false): Condition {
  let rest = raw;
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(rest);
  if (!m || !OPERATOR_SET.has(m[1])) {
    throw parseError(`"failed to parse filter (${raw.slice(0, 200)})"`, `unknown operator in "${raw.slice(0, 100)}"`,
      `Use one of: ${OPERATORS.join(', ')}`);
  }
  const op = m[1] as Operator;
  let value = rest.slice(m[0].length);
  const cond: Condition = { kind: 'cond', field, negate, op, value };
  const modifier = m[2];
  if (modifier !== undefined) {
    if (FTS.has(op)) {
      if (!/^[\p{L}\p{N}_]+$/u.test(modifier)) throw parseError(`"failed to parse filter (${raw.slice(0, 200)})"`, 'invalid text search configuration');
      cond.language = modifier;
    } else if (QUANTIFIABLE.has(op) && (modifier === 'any' || modifier === 'all')) {
      cond.quantifier = modifier;
    } else throw parseError(`"failed to parse filter (${raw.slice(0, 200)})"`, `"${op}" takes no "(${modifier.slice(0, 50)})" modifier`);
  }
  if (inLogic && op !== 'in') value = unquote(value);
  if (op === 'in') cond.value = parseInList(value);
  else if (op === 'is') {
    const v = value.toLowerCase();
    if (!['null', 'not_null', 'true', 'false', 'unknown'].includes(v)) {
      throw parseError(`"failed to parse filter (${raw.slice(0, 200)})"`, 'is. accepts null, not_null, true, false or unknown');
    }
    cond.value = v;
  } else cond.value = value;
  return cond;
}

function parseLogicTree(op: 'and' | 'or', negate: boolean, raw: string, depth: number): Logic {
  if (depth > MAX_DEPTH) throw parseError('"failed to parse logic tree"', 'nested too deeply');
  const v = raw.trim();
  if (!v.startsWith('(') || !v.endsWith(')')) {
    throw parseError(`"failed to parse logic tree (${raw.slice(0, 200)})"`, `${op}= needs a parenthesised list: ${op}=(a.eq.1,b.gt.2)`);
  }
  const inner = v.slice(1, -1);
  const children: Filter[] = [];
  for (const part of splitTopLevel(inner)) {
    const item = part.trim();
    const nested = /^(not\.)?(and|or)\(/.exec(item);
    if (nested) {
      children.push(parseLogicTree(nested[2] as 'and' | 'or', Boolean(nested[1]), item.slice(nested[0].length - 1), depth + 1));
      continue;
    }
    const s = new Scanner(item, 'logic tree');
    const field = s.field();
    if (!s.eat('.')) throw s.fail('expected "." after the column');
    children.push(parseCondition(field, item.slice(s.pos), true));
  }
  if (children.length === 0) throw parseError('"failed to parse logic tree"', 'empty logic tree');
  return { kind: 'logic', op, negate, children };
}

export function parseOrder(text: string): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const part of splitTopLevel(text)) {
    const s = new Scanner(part.trim(), 'order');
    let term: OrderTerm = { field: s.field() };
    if (term.field.path.length === 0 && s.eat('(')) {
      term = { relation: term.field.name, field: s.field() };
      s.expect(')');
    }
    while (s.eat('.')) {
      const word = s.name();
      if (word === 'asc' || word === 'desc') term.direction = word;
      else if (word === 'nullsfirst') term.nulls = 'first';
      else if (word === 'nullslast') term.nulls = 'last';
      else throw s.fail(`unknown order modifier "${word.slice(0, 50)}"`);
    }
    if (!s.done) throw s.fail(`unexpected "${s.peek()}"`);
    terms.push(term);
  }
  return terms;
}

function parseNonNegative(name: string, raw: string): number {
  if (!/^\d{1,9}$/.test(raw.trim())) throw parseError(`"failed to parse ${name} (${raw.slice(0, 50)})"`, `${name} must be a non-negative integer`);
  return Number(raw.trim());
}

/** `"a","b"` or `a,b` → names. */
function parseNameList(what: string, raw: string): string[] {
  return splitTopLevel(raw).map((p) => {
    const s = new Scanner(p.trim(), what);
    const n = s.name();
    if (!s.done) throw s.fail(`unexpected "${s.peek()}"`);
    return n;
  });
}

const ROOT_KEYS = new Set(['select', 'columns', 'on_conflict']);

function levelOf(levels: Map<string, Level>, path: string): Level {
  let level = levels.get(path);
  if (!level) levels.set(path, (level = { filters: [], order: [] }));
  return level;
}

/** Query string pairs (in order, repeated keys repeated) → the query AST. `isArg` picks a GET rpc's arguments. */
export function parseQuery(pairs: Array<[string, string]>, isArg: (key: string) => boolean = () => false): QueryAst {
  const ast: QueryAst = { select: [{ kind: 'star' }], levels: new Map(), args: {} };
  levelOf(ast.levels, '');
  let sawSelect = false;
  for (const [key, value] of pairs) {
    if (ROOT_KEYS.has(key)) {
      if (key === 'select') {
        if (sawSelect) continue;
        sawSelect = true;
        ast.select = parseSelect(value);
      } else if (key === 'columns') ast.columns ??= parseNameList('columns parameter', value);
      else ast.onConflict ??= parseNameList('on_conflict parameter', value);
      continue;
    }
    if (isArg(key)) {
      ast.args[key] = value;
      continue;
    }
    // rel.sub.col → level "rel.sub", target "col"; a JSON path's own text is not split.
    const arrowAt = key.indexOf('->');
    const head = arrowAt >= 0 ? key.slice(0, arrowAt) : key;
    const dots = head.split('.');
    let target = dots.pop()!;
    if (arrowAt >= 0) target += key.slice(arrowAt);
    let negateLogic = false;
    if ((target === 'or' || target === 'and') && dots[dots.length - 1] === 'not') {
      dots.pop();
      negateLogic = true;
    }
    if (dots.some((d) => d === '')) throw parseError(`"failed to parse parameter (${key.slice(0, 100)})"`, 'empty embedded resource name');
    const level = levelOf(ast.levels, dots.join('.'));
    if (target === 'order') level.order.push(...parseOrder(value));
    else if (target === 'limit') level.limit = Math.min(parseNonNegative('limit', value), MAX_LIMIT);
    else if (target === 'offset') level.offset = parseNonNegative('offset', value);
    else if (target === 'or' || target === 'and') level.filters.push(parseLogicTree(target, negateLogic, value, 0));
    else {
      const s = new Scanner(target, 'filter');
      const field = s.field();
      if (!s.done) throw s.fail(`unexpected "${s.peek()}"`);
      level.filters.push(parseCondition(field, value));
    }
  }
  return ast;
}

/** The query string of a raw URL as ordered pairs (form encoding: '+' is a space). */
export function queryPairs(url: string): Array<[string, string]> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  try {
    return [...new URLSearchParams(url.slice(q + 1))];
  } catch {
    throw parseError('"failed to parse the query string"');
  }
}
