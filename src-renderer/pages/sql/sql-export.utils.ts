// Client-side exports of a console result set: CSV (RFC 4180), JSON (array of objects) and a Markdown table.
import type { ConsoleResult } from '../../data/sql/types';

export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const csvField = (v: string | null) => (v === null ? '' : v === '' ? '""' : /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(result: Pick<ConsoleResult, 'columns' | 'rows'>): string {
  const names = result.columns.map((c) => c.name);
  const lines = [names.map(csvField).join(',')];
  for (const row of result.rows) lines.push(names.map((n) => csvField(cellText(row[n]))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(result: Pick<ConsoleResult, 'rows'>): string {
  return JSON.stringify(result.rows, null, 2) + '\n';
}

const mdCell = (v: string | null) => (v === null ? 'NULL' : v.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>'));

export function toMarkdown(result: Pick<ConsoleResult, 'columns' | 'rows'>): string {
  const names = result.columns.map((c) => c.name);
  const lines = [`| ${names.map((n) => mdCell(n)).join(' | ')} |`, `| ${names.map(() => '---').join(' | ')} |`];
  for (const row of result.rows) lines.push(`| ${names.map((n) => mdCell(cellText(row[n]))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

export type ExportFormat = 'csv' | 'json' | 'md';

export function exportResult(result: ConsoleResult, format: ExportFormat): { text: string; mime: string; ext: string } {
  if (format === 'csv') return { text: toCsv(result), mime: 'text/csv', ext: 'csv' };
  if (format === 'json') return { text: toJson(result), mime: 'application/json', ext: 'json' };
  return { text: toMarkdown(result), mime: 'text/markdown', ext: 'md' };
}

/** Triggers a browser download of text. */
export function download(text: string, filename: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
