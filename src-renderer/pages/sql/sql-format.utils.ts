// A small SQL formatter: keywords upper-cased, a new line before each major clause, one statement per block.
// It tokenizes first so strings, quoted identifiers, dollar-quoted bodies and comments are left untouched.

export type Tok = { kind: 'word' | 'string' | 'ident' | 'comment' | 'space' | 'punct' | 'number' | 'dollar'; text: string };

const KEYWORDS = new Set(`select from where and or not in is null like ilike between exists join inner left right full outer cross on using
group by order having limit offset union all intersect except distinct as case when then else end insert into values update set
delete returning create table view index drop alter add column constraint primary key foreign references default unique check
with recursive asc desc nulls first last true false begin commit rollback explain analyze truncate grant revoke to cascade restrict
if schema function returns language replace materialized lateral window over partition filter any some cast interval enable
disable row level security policy for trigger before after each execute procedure do nothing conflict natural`.split(/\s+/));

/** Clauses that start on a new line (longest match first). */
const CLAUSES = ['union all', 'group by', 'order by', 'left join', 'right join', 'full join', 'inner join', 'cross join', 'on conflict',
  'select', 'from', 'where', 'having', 'limit', 'offset', 'join', 'union', 'intersect', 'except', 'values', 'set', 'returning',
  'insert into', 'update', 'delete from', 'with'];

const JOIN_MODIFIERS = new Set(['left', 'right', 'full', 'inner', 'cross', 'natural']);

export function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const rest = sql.slice(i);
    let m: RegExpExecArray | null;
    if (/\s/.test(c)) {
      m = /^\s+/.exec(rest)!;
      out.push({ kind: 'space', text: m[0] });
    } else if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      out.push({ kind: 'comment', text: sql.slice(i, end < 0 ? n : end) });
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      out.push({ kind: 'comment', text: sql.slice(i, end < 0 ? n : end + 2) });
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      while (j < n) {
        if (sql[j] === '\\' && c !== "'") j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      out.push({ kind: 'string', text: sql.slice(i, Math.min(n, j + 1)) });
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      out.push({ kind: 'ident', text: sql.slice(i, end < 0 ? n : end + 1) });
    } else if ((m = /^\$([A-Za-z_]\w*)?\$/.exec(rest))) {
      const end = sql.indexOf(m[0], i + m[0].length);
      out.push({ kind: 'dollar', text: sql.slice(i, end < 0 ? n : end + m[0].length) });
    } else if ((m = /^[A-Za-z_][\w$]*/.exec(rest))) {
      out.push({ kind: 'word', text: m[0] });
    } else if ((m = /^\d+(\.\d+)?/.exec(rest))) {
      out.push({ kind: 'number', text: m[0] });
    } else {
      out.push({ kind: 'punct', text: c });
    }
    i += out[out.length - 1].text.length;
  }
  return out;
}

export function formatSql(sql: string): string {
  const toks = tokenize(sql);
  let out = '';
  let depth = 0;
  const pad = () => '  '.repeat(depth);
  const needsSpace = (prev: string, next: string) => !(prev === '' || /[\s(.]$/.test(prev) || next === ')' || next === ',' || next === '.' || next === ';' || next === '::' || prev.endsWith('::'));
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === 'space') continue;
    const spaceBefore = toks[k - 1]?.kind === 'space';
    if (t.kind === 'word') {
      const lower = t.text.toLowerCase();
      const two = `${lower} ${toks.slice(k + 1).find((x) => x.kind !== 'space')?.text.toLowerCase() ?? ''}`;
      const prevWord = out.trimEnd().split(/\s+/).pop()?.toLowerCase();
      const rest = toks.slice(k + 1).filter((x) => x.kind !== 'space').map((x) => x.text.toLowerCase());
      // A join's modifiers start its line: LEFT [OUTER] JOIN, NATURAL FULL JOIN…
      const joinStart = JOIN_MODIFIERS.has(lower) && !JOIN_MODIFIERS.has(prevWord ?? '') && prevWord !== 'outer'
        && rest.slice(0, rest.findIndex((w) => !JOIN_MODIFIERS.has(w) && w !== 'outer') + 1).at(-1) === 'join';
      const clause = joinStart ? lower : CLAUSES.includes(two) ? two : CLAUSES.includes(lower) ? lower : null;
      // "delete from": the FROM belongs to DELETE; "insert into" likewise; JOIN/OUTER after a join modifier stays on its line.
      const continuing = (lower === 'from' && prevWord === 'delete') || (lower === 'into' && prevWord === 'insert') || (lower === 'set' && prevWord === 'update')
        || ((lower === 'join' || lower === 'outer' || JOIN_MODIFIERS.has(lower)) && (JOIN_MODIFIERS.has(prevWord ?? '') || prevWord === 'outer'));
      if (clause && !continuing && out.trim() !== '' && !/\($/.test(out.trimEnd()) && !out.endsWith('\n\n')) out = out.trimEnd() + '\n' + pad();
      const word = KEYWORDS.has(lower) ? t.text.toUpperCase() : t.text;
      out += (needsSpace(out, word) ? ' ' : '') + word;
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text === ';') {
        out = out.trimEnd() + ';\n\n';
        depth = 0;
        continue;
      }
      if (t.text === '(') depth++;
      if (t.text === ')') depth = Math.max(0, depth - 1);
      if (t.text === ',') {
        out = out.trimEnd() + ',';
        continue;
      }
      if (t.text === ':' && toks[k + 1]?.text === ':') {
        out = out.trimEnd() + '::';
        k++;
        continue;
      }
      const tight = (t.text === '(' && /\w$/.test(out) && !spaceBefore) || t.text === ')' || t.text === '.';
      out += (tight || !needsSpace(out, t.text) ? '' : ' ') + t.text;
      continue;
    }
    if (t.kind === 'comment' && t.text.startsWith('--')) {
      out += (needsSpace(out, t.text) ? ' ' : '') + t.text + '\n' + pad();
      continue;
    }
    const afterDot = out.endsWith('.');
    out += (afterDot || !needsSpace(out, t.text) ? '' : ' ') + t.text;
  }
  return out.replace(/[ \t]+\n/g, '\n').trim() + '\n';
}
