// Which base column each column of a view comes from, read from the view's stored query tree (pg_rewrite.ev_action):
// the top-level query's target entries carry `:resorigtbl` / `:resorigcol` for plain column references. Postgres
// offers no catalog view of this, so the node text is scanned here (only structure and the fields below are read).

export interface ColumnOrigin {
  /** The view column's name. */
  column: string;
  /** The relation (table or view) and attribute number it is a plain reference to. */
  relid: number;
  attnum: number;
}

/** Tokens of Postgres' node text: `{`, `}`, `(`, `)` and words (a backslash escapes the next character). */
function* tokens(text: string): Generator<string> {
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      continue;
    }
    if (c === '{' || c === '}' || c === '(' || c === ')' || c === ' ' || c === '\n' || c === '\t') {
      if (word) yield word;
      word = '';
      if (c !== ' ' && c !== '\n' && c !== '\t') yield c;
      continue;
    }
    word += c;
  }
  if (word) yield word;
}

/**
 * The column origins of a view's `_RETURN` rule text. Columns that are expressions (or come from a subquery or a
 * function) have no origin and are left out.
 */
export function viewColumnOrigins(evAction: string): ColumnOrigin[] {
  const out: ColumnOrigin[] = [];
  let depth = 0;
  // Depth of the top-level QUERY node's fields: `(` list → `{QUERY`.
  const queryDepth = 2;
  let inTargetList = false;
  let targetListDepth = -1;
  let entry: Record<string, string> | undefined;
  let pendingKey: string | undefined;
  let expectList = false;
  for (const tok of tokens(evAction)) {
    if (tok === '{' || tok === '(') {
      depth++;
      if (expectList && tok === '(') {
        inTargetList = true;
        targetListDepth = depth;
      } else if (inTargetList && tok === '{' && depth === targetListDepth + 1) entry = {};
      expectList = false;
      pendingKey = undefined;
      continue;
    }
    if (tok === '}' || tok === ')') {
      if (inTargetList && entry && tok === '}' && depth === targetListDepth + 1) {
        if (entry.resjunk !== 'true' && entry.resname !== undefined && Number(entry.resorigtbl) > 0) {
          out.push({ column: entry.resname, relid: Number(entry.resorigtbl), attnum: Number(entry.resorigcol) });
        }
        entry = undefined;
      }
      if (inTargetList && tok === ')' && depth === targetListDepth) return out;
      depth--;
      pendingKey = undefined;
      continue;
    }
    if (depth === queryDepth && tok === ':targetList') {
      expectList = true;
      continue;
    }
    if (expectList) return out; // `:targetList <>`: no columns
    if (entry && depth === targetListDepth + 1) {
      if (tok.startsWith(':')) pendingKey = tok.slice(1);
      else if (pendingKey) {
        entry[pendingKey] = tok;
        pendingKey = undefined;
      } else if (tok === 'TARGETENTRY') continue;
    }
  }
  return out;
}
