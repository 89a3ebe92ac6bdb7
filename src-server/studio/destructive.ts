// Finds statements the console should confirm before running: DROP, TRUNCATE, ALTER … DROP, and DELETE or
// UPDATE without a top-level WHERE. Works on tokens, so keywords inside strings and comments do not count.
import { splitStatements, type Statement, type Token } from './sql-tokens.js';

export interface DestructiveStatement {
  statement: string;
  /** Zero-based index of the statement in the script. */
  index: number;
  reason: string;
}

const MAIN_VERBS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE']);

/** Top-level (parenthesis depth 0) tokens of a statement. */
function topLevel(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === '(') depth++;
    else if (t.kind === 'punct' && t.value === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out.push(t);
  }
  return out;
}

const isWord = (t: Token | undefined, ...values: string[]) => t?.kind === 'word' && values.includes(t.value);

function reasonFor(statement: Statement): string | null {
  const top = topLevel(statement.tokens);
  const first = top[0];
  if (!first || first.kind !== 'word') return null;
  if (first.value === 'DROP') return `DROP ${top[1]?.kind === 'word' ? top[1].value : ''}`.trim() + ' removes an object and its data';
  if (first.value === 'TRUNCATE') return 'TRUNCATE removes every row';
  if (first.value === 'ALTER') {
    const drop = top.findIndex((t) => isWord(t, 'DROP'));
    const next = top[drop + 1];
    if (drop < 0 || !next || isWord(next, 'DEFAULT', 'NOT', 'IDENTITY', 'EXPRESSION')) return null;
    return isWord(next, 'CONSTRAINT') ? 'ALTER … DROP CONSTRAINT removes a constraint' : 'ALTER … DROP removes part of an object and its data';
  }
  // The statement's verb: the first top-level main verb (CTE bodies are in parentheses, so they are skipped).
  const verbAt = top.findIndex((t) => t.kind === 'word' && MAIN_VERBS.has(t.value));
  const verb = top[verbAt];
  if (!verb || (verb.value !== 'DELETE' && verb.value !== 'UPDATE')) return null;
  const hasWhere = top.slice(verbAt + 1).some((t) => isWord(t, 'WHERE'));
  if (hasWhere) return null;
  return verb.value === 'DELETE' ? 'DELETE without WHERE removes every row' : 'UPDATE without WHERE changes every row';
}

export function findDestructive(sql: string): DestructiveStatement[] {
  const found: DestructiveStatement[] = [];
  splitStatements(sql).forEach((statement, index) => {
    const reason = reasonFor(statement);
    if (reason) found.push({ statement: statement.text, index, reason });
  });
  return found;
}
