// Turns JSON values from the grid into the text Postgres casts with `$n::<column type>`.
import type { ColumnMeta } from './table-meta.js';

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return arrayLiteral(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return '"' + text.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** A Postgres array literal, e.g. ["a", null, "b,c"] → {"a",NULL,"b,c"}. */
export function arrayLiteral(values: unknown[]): string {
  return '{' + values.map(arrayElement).join(',') + '}';
}

export function toPgText(value: unknown, col: Pick<ColumnMeta, 'category'>): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && col.category === 'A') return arrayLiteral(value);
  return JSON.stringify(value);
}
