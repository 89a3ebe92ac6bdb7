// Schema-aware completion for the console: schemas, tables, columns (of the tables the statement names, or of
// `table.` / `alias.`), functions and keywords. The page supplies the catalog through a mutable source.
import type { DetailColumn } from '../../data/sql/sql-table-details-query';
import type { TableList } from '../../data/sql/types';
import { monaco, SQL_LANGUAGE } from './monaco';

export interface CompletionSource {
  catalog: TableList | undefined;
  columns: (schema: string, table: string) => Promise<DetailColumn[]>;
}

const KEYWORDS = `SELECT FROM WHERE AND OR NOT IN IS NULL LIKE ILIKE BETWEEN EXISTS JOIN LEFT RIGHT FULL INNER OUTER CROSS ON USING
GROUP BY ORDER HAVING LIMIT OFFSET UNION ALL DISTINCT AS CASE WHEN THEN ELSE END INSERT INTO VALUES UPDATE SET DELETE
RETURNING CREATE TABLE VIEW INDEX DROP ALTER ADD COLUMN CONSTRAINT PRIMARY KEY FOREIGN REFERENCES DEFAULT UNIQUE CHECK WITH
ASC DESC NULLS FIRST LAST TRUE FALSE BEGIN COMMIT ROLLBACK EXPLAIN ANALYZE TRUNCATE CASCADE SCHEMA FUNCTION RETURNS
LANGUAGE REPLACE MATERIALIZED LATERAL OVER PARTITION FILTER POLICY ENABLE ROW LEVEL SECURITY`.split(/\s+/);

const BUILTIN_FUNCTIONS = `count sum avg min max now coalesce nullif greatest least lower upper length substring trim replace
concat concat_ws format to_char to_date to_timestamp date_trunc extract age generate_series array_agg string_agg json_agg jsonb_agg
json_build_object jsonb_build_object jsonb_set jsonb_array_elements jsonb_each row_to_json to_jsonb unnest array_length
gen_random_uuid random round floor ceil abs pg_sleep pg_size_pretty pg_total_relation_size current_setting set_config
regexp_replace regexp_matches split_part position left right md5 encode decode`.split(/\s+/);

const IDENT = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)`;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1) : s);

/** Tables named after FROM/JOIN/UPDATE/INTO in a statement, with their aliases. */
export function referencedTables(sql: string): Array<{ schema: string | null; table: string; alias: string | null }> {
  const re = new RegExp(String.raw`\b(?:from|join|update|into)\s+(${IDENT})(?:\.(${IDENT}))?(?:\s+(?:as\s+)?(${IDENT}))?`, 'gi');
  const out: Array<{ schema: string | null; table: string; alias: string | null }> = [];
  const reserved = new Set(['where', 'join', 'left', 'right', 'inner', 'full', 'cross', 'on', 'using', 'group', 'order', 'limit', 'set', 'values', 'select', 'returning', 'natural', 'outer', 'window', 'having', 'union']);
  for (const m of sql.matchAll(re)) {
    const [schema, table] = m[2] ? [unquote(m[1]), unquote(m[2])] : [null, unquote(m[1])];
    const alias = m[3] && !reserved.has(m[3].toLowerCase()) ? unquote(m[3]) : null;
    out.push({ schema, table, alias });
  }
  return out;
}

const quoteIfNeeded = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

export function registerSqlCompletion(source: { current: CompletionSource }): monaco.IDisposable {
  const K = monaco.languages.CompletionItemKind;
  return monaco.languages.registerCompletionItemProvider(SQL_LANGUAGE, {
    triggerCharacters: ['.', ' '],
    provideCompletionItems: async (model, position) => {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const linePrefix = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const qualifier = new RegExp(String.raw`(${IDENT})\.$`).exec(linePrefix)?.[1];
      const catalog = source.current.catalog;
      const tables = catalog?.tables ?? [];
      const refs = referencedTables(model.getValue());
      const suggestions: monaco.languages.CompletionItem[] = [];
      const columnsOf = async (schema: string, table: string, detail: string) => {
        const cols = await source.current.columns(schema, table).catch(() => []);
        for (const c of cols) suggestions.push({ label: c.name, kind: K.Field, detail: `${c.data_type} · ${detail}`, insertText: quoteIfNeeded(c.name), range, sortText: '0' + c.name });
      };
      if (qualifier) {
        const q = unquote(qualifier);
        const inSchema = tables.filter((t) => t.schema === q);
        for (const t of inSchema) suggestions.push({ label: t.name, kind: K.Struct, detail: `${t.kind} · ${t.rows ?? '?'} rows`, insertText: quoteIfNeeded(t.name), range });
        const ref = refs.find((r) => r.alias === q) ?? refs.find((r) => r.table === q);
        const target = ref ? tables.find((t) => t.name === ref.table && (ref.schema ? t.schema === ref.schema : true)) : tables.find((t) => t.name === q);
        if (target) await columnsOf(target.schema, target.name, target.name);
        return { suggestions };
      }
      for (const kw of KEYWORDS) suggestions.push({ label: kw, kind: K.Keyword, insertText: kw, range, sortText: '3' + kw });
      for (const s of catalog?.schemas ?? []) suggestions.push({ label: s.name, kind: K.Module, detail: 'schema', insertText: quoteIfNeeded(s.name), range, sortText: '2' + s.name });
      for (const t of tables) {
        const label = t.schema === 'public' ? t.name : `${t.schema}.${t.name}`;
        suggestions.push({ label, kind: K.Struct, detail: `${t.kind} · ${t.rows ?? '?'} rows`, insertText: t.schema === 'public' ? quoteIfNeeded(t.name) : `${quoteIfNeeded(t.schema)}.${quoteIfNeeded(t.name)}`, range, sortText: '1' + label });
      }
      const fns = catalog?.functions?.map((f) => ({ name: f.schema === 'public' || f.schema === 'pg_catalog' ? f.name : `${f.schema}.${f.name}`, detail: f.args ?? 'function' })) ?? [];
      for (const f of [...fns, ...BUILTIN_FUNCTIONS.map((name) => ({ name, detail: 'built-in function' }))]) {
        suggestions.push({ label: f.name, kind: K.Function, detail: f.detail, insertText: `${f.name}($0)`, insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet, range, sortText: '2' + f.name });
      }
      const seen = new Set<string>();
      for (const r of refs) {
        const t = tables.find((x) => x.name === r.table && (r.schema ? x.schema === r.schema : true));
        if (!t || seen.has(`${t.schema}.${t.name}`)) continue;
        seen.add(`${t.schema}.${t.name}`);
        await columnsOf(t.schema, t.name, t.name);
      }
      return { suggestions };
    },
  });
}
