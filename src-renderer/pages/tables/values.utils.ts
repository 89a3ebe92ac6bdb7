// How cells are shown and how an editor's text becomes the value sent to the server, by column type.
import type { DetailColumn } from '../../data/sql/sql-table-details-query';

export type EditorKind = 'text' | 'number' | 'boolean' | 'date' | 'time' | 'datetime' | 'enum' | 'json' | 'array';

export function editorKind(col: Pick<DetailColumn, 'data_type' | 'udt_name' | 'category' | 'enum_values'>): EditorKind {
  if (col.enum_values?.length) return 'enum';
  if (col.udt_name === 'json' || col.udt_name === 'jsonb') return 'json';
  if (col.category === 'A' || col.data_type.endsWith('[]')) return 'array';
  if (col.category === 'B' || col.udt_name === 'bool') return 'boolean';
  if (col.category === 'N') return 'number';
  if (col.udt_name === 'date') return 'date';
  if (col.udt_name === 'time' || col.udt_name === 'timetz') return 'time';
  if (col.udt_name === 'timestamp' || col.udt_name === 'timestamptz') return 'datetime';
  return 'text';
}

export function displayText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Text for an editor input: JSON pretty-printed, everything else as shown. */
export function editText(v: unknown, kind: EditorKind): string {
  if (v === null || v === undefined) return '';
  if (kind === 'json') {
    if (typeof v === 'string') {
      try {
        return JSON.stringify(JSON.parse(v), null, 2);
      } catch {
        return v;
      }
    }
    return JSON.stringify(v, null, 2);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The value to send for an editor's text, or an error message to show beside the cell. */
export function parseInput(text: string, kind: EditorKind): { value: unknown } | { error: string } {
  if (kind === 'json') {
    try {
      JSON.parse(text);
      return { value: text };
    } catch (e) {
      return { error: `Invalid JSON: ${(e as Error).message}` };
    }
  }
  if (kind === 'number') {
    const t = text.trim();
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^(NaN|[-+]?Infinity)$/.test(t)) return { error: 'Not a number' };
    return { value: t };
  }
  if (kind === 'array') {
    const t = text.trim();
    if (t.startsWith('[')) {
      try {
        const parsed = JSON.parse(t);
        if (!Array.isArray(parsed)) return { error: 'Expected a JSON array or a Postgres array literal {a,b}' };
        return { value: parsed };
      } catch (e) {
        return { error: `Invalid array: ${(e as Error).message}` };
      }
    }
    if (!t.startsWith('{') || !t.endsWith('}')) return { error: 'Expected a Postgres array literal like {a,b} or a JSON array' };
    return { value: t };
  }
  return { value: text };
}
