// Statement boundaries and a fallback destructive-statement check, on the formatter's tokens (strings,
// comments and dollar quotes never count). The server's /api/sql/analyze is preferred when it exists.
import type { DestructiveStatement } from '../../data/sql/types';
import { tokenize, type Tok } from './sql-format.utils';

export function splitStatements(sql: string): Array<{ text: string; start: number; tokens: Tok[] }> {
  const out: Array<{ text: string; start: number; tokens: Tok[] }> = [];
  let pos = 0;
  let start = 0;
  let toks: Tok[] = [];
  const flush = (end: number) => {
    const meaningful = toks.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
    if (meaningful.length) out.push({ text: sql.slice(start, end).trim(), start, tokens: meaningful });
    toks = [];
  };
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      flush(pos);
      start = pos + 1;
    } else toks.push(t);
    pos += t.text.length;
  }
  flush(pos);
  return out;
}

export function findDestructive(sql: string): DestructiveStatement[] {
  const found: DestructiveStatement[] = [];
  splitStatements(sql).forEach((s, index) => {
    let depth = 0;
    const top: string[] = [];
    for (const t of s.tokens) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && t.kind === 'word') top.push(t.text.toUpperCase());
    }
    let reason: string | null = null;
    if (top[0] === 'DROP') reason = `DROP ${top[1] ?? ''} removes an object and its data`;
    else if (top[0] === 'TRUNCATE') reason = 'TRUNCATE removes every row';
    else if (top[0] === 'ALTER' && top.includes('DROP') && !['DEFAULT', 'NOT', 'IDENTITY', 'EXPRESSION'].includes(top[top.indexOf('DROP') + 1])) reason = 'ALTER … DROP removes part of an object';
    else {
      const verb = top.find((w) => ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES'].includes(w));
      if ((verb === 'DELETE' || verb === 'UPDATE') && !top.slice(top.indexOf(verb)).includes('WHERE')) {
        reason = verb === 'DELETE' ? 'DELETE without WHERE removes every row' : 'UPDATE without WHERE changes every row';
      }
    }
    if (reason) found.push({ statement: s.text, index, reason });
  });
  return found;
}
