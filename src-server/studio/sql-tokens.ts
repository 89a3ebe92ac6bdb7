// A small SQL tokenizer that knows strings, quoted identifiers, dollar quotes and comments, and splits a
// script into statements (with their offsets, so server errors can point into the whole script).

export type TokenKind = 'word' | 'string' | 'ident' | 'number' | 'punct' | 'param';

export interface Token {
  kind: TokenKind;
  /** Upper-cased for words, raw text otherwise. */
  value: string;
  start: number;
  end: number;
}

export interface Statement {
  text: string;
  /** Offset of the statement's first character in the script. */
  start: number;
  tokens: Token[];
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

function skipBlockComment(sql: string, i: number): number {
  let depth = 1;
  i += 2;
  while (i < sql.length && depth > 0) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}

function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

/** Tokens of a script; comments and whitespace are dropped. Unterminated quotes run to the end. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      i = skipBlockComment(sql, i);
    } else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      i = skipQuoted(sql, i + 1, "'", true);
      tokens.push({ kind: 'string', value: sql.slice(start, i), start, end: i });
    } else if (c === "'") {
      i = skipQuoted(sql, i, "'", false);
      tokens.push({ kind: 'string', value: sql.slice(start, i), start, end: i });
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
      tokens.push({ kind: 'ident', value: sql.slice(start, i), start, end: i });
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 200));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
        tokens.push({ kind: 'string', value: sql.slice(start, i), start, end: i });
      } else {
        i++;
        while (i < sql.length && /[0-9]/.test(sql[i])) i++;
        tokens.push({ kind: 'param', value: sql.slice(start, i), start, end: i });
      }
    } else if (WORD_START.test(c)) {
      while (i < sql.length && WORD_CHAR.test(sql[i])) i++;
      tokens.push({ kind: 'word', value: sql.slice(start, i).toUpperCase(), start, end: i });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < sql.length && /[0-9.eE_]/.test(sql[i])) i++;
      tokens.push({ kind: 'number', value: sql.slice(start, i), start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'punct', value: c, start, end: i });
    }
  }
  return tokens;
}

/**
 * Splits a script at top-level semicolons. SQL-standard function bodies (BEGIN ATOMIC … END) contain
 * semicolons of their own and are kept whole. Empty statements are dropped.
 */
export function splitStatements(sql: string): Statement[] {
  const tokens = tokenize(sql);
  const statements: Statement[] = [];
  let current: Token[] = [];
  let atomicDepth = 0;
  const flush = () => {
    if (current.length > 0) {
      const start = current[0].start;
      const end = current[current.length - 1].end;
      statements.push({ text: sql.slice(start, end), start, tokens: current });
    }
    current = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'word') {
      if (t.value === 'BEGIN' && tokens[k + 1]?.kind === 'word' && tokens[k + 1].value === 'ATOMIC') atomicDepth++;
      else if (atomicDepth > 0 && t.value === 'CASE') atomicDepth++;
      else if (atomicDepth > 0 && t.value === 'END') atomicDepth--;
    }
    if (t.kind === 'punct' && t.value === ';' && atomicDepth === 0) {
      flush();
      continue;
    }
    current.push(t);
  }
  flush();
  return statements;
}
