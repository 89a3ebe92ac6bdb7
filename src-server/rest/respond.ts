// Shapes /v1/db responses like PostgREST: statuses, Content-Range, singular objects (406), CSV, Prefer: return.
import type { FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';
import type { Representation } from './ast.js';

export interface PageResult {
  /** The rows as JSON array text (from json_agg), or null when nothing was returned. */
  body: string | null;
  pageTotal: number;
  /** Total over the filters when a count was asked for. */
  total: number | null;
}

export function singularError(n: number): ApiError {
  return new ApiError(406, 'PGRST116', 'JSON object requested, multiple (or no) rows returned', {
    detail: `The result contains ${n} rows`, hint: null,
  });
}

/** `[x]` (json_agg of one row) → `x`. */
export function unwrapSingle(body: string): string {
  return body.slice(1, -1).trim();
}

export function contentRange(offset: number, n: number, total: number | null): string {
  const t = total === null ? '*' : String(total);
  return n === 0 ? `*/${t}` : `${offset}-${offset + n - 1}/${t}`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(jsonRows: string, header: string[] = []): string {
  const rows = JSON.parse(jsonRows) as Array<Record<string, unknown>>;
  const cols = rows.length > 0 ? Object.keys(rows[0]) : header;
  const lines = [cols.map(csvCell).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvCell(row[c])).join(','));
  return lines.join('\n');
}

function sendBody(reply: FastifyReply, accept: Representation, body: string, single: boolean): FastifyReply {
  if (accept === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(body));
  if (single) return reply.type('application/vnd.pgrst.object+json; charset=utf-8').send(unwrapSingle(body));
  return reply.type('application/json; charset=utf-8').send(body);
}

export function sendRead(reply: FastifyReply, page: PageResult, opts: { offset: number; accept: Representation; head: boolean }): FastifyReply {
  const { pageTotal: n, total } = page;
  if (total !== null && n === 0 && opts.offset > 0 && opts.offset >= total) {
    throw new ApiError(416, 'PGRST103', 'Requested range not satisfiable', {
      detail: `An offset of ${opts.offset} was requested, but there are only ${total} rows.`, headers: { 'Content-Range': `*/${total}` },
    });
  }
  if (opts.accept === 'object' && n !== 1) throw singularError(n);
  reply.header('Content-Range', contentRange(opts.offset, n, total));
  const partial = total !== null && (opts.offset > 0 || n < total) && opts.accept !== 'object';
  reply.code(partial ? 206 : 200);
  if (opts.head) return reply.type(opts.accept === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8').send();
  return sendBody(reply, opts.accept, page.body ?? '[]', opts.accept === 'object');
}

export function sendMutation(reply: FastifyReply, page: PageResult, opts: {
  method: 'POST' | 'PATCH' | 'DELETE'; accept: Representation; representation: boolean; countAsked: boolean;
}): FastifyReply {
  if (opts.countAsked) reply.header('Content-Range', `*/${page.pageTotal}`);
  else if (opts.method !== 'POST') reply.header('Content-Range', page.pageTotal ? `0-${page.pageTotal - 1}/*` : '*/*');
  if (!opts.representation) return reply.code(opts.method === 'POST' ? 201 : 204).send();
  reply.code(opts.method === 'POST' ? 201 : 200);
  return sendBody(reply, opts.accept, page.body ?? '[]', opts.accept === 'object');
}
