// Shapes data API responses like PostgREST: statuses, Content-Range, singular objects (406), CSV, plans, Prefer: return.
import type { FastifyReply } from 'fastify';
import type { PlanRequest, Representation } from './ast.js';
import { offsetPastEnd, singularity } from './errors.js';

export interface PageResult {
  /** The rows as JSON array text (or CSV text), or null when nothing was returned. */
  body: string | null;
  pageTotal: number;
  /** Total over the filters when a count was asked for (rows inserted, for upserts). */
  total: number | null;
}

/** `[x]` (json_agg of one row) → `x`. */
export function unwrapSingle(body: string): string {
  return body.slice(1, -1).trim();
}

export function contentRange(offset: number, n: number, total: number | null): string {
  const t = total === null ? '*' : String(total);
  return n === 0 ? `*/${t}` : `${offset}-${offset + n - 1}/${t}`;
}

const CONTENT_TYPES: Record<Representation, string> = {
  json: 'application/json; charset=utf-8',
  object: 'application/vnd.pgrst.object+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

function sendBody(reply: FastifyReply, accept: Representation, body: string): FastifyReply {
  reply.type(CONTENT_TYPES[accept]);
  return reply.send(accept === 'object' ? unwrapSingle(body) : body);
}

export function sendRead(reply: FastifyReply, page: PageResult, opts: { offset: number; accept: Representation; head: boolean }): FastifyReply {
  const { pageTotal: n, total } = page;
  if (total !== null && n === 0 && opts.offset > 0 && opts.offset >= total) throw offsetPastEnd(opts.offset, total);
  if (opts.accept === 'object' && n !== 1) throw singularity(n);
  reply.header('Content-Range', contentRange(opts.offset, n, total));
  const partial = total !== null && (opts.offset > 0 || n < total) && opts.accept !== 'object';
  reply.code(partial ? 206 : 200);
  if (opts.head) return reply.type(CONTENT_TYPES[opts.accept]).send();
  return sendBody(reply, opts.accept, page.body ?? (opts.accept === 'csv' ? '' : '[]'));
}

export function sendMutation(reply: FastifyReply, page: PageResult, opts: {
  method: 'POST' | 'PATCH' | 'DELETE'; accept: Representation; representation: boolean; countAsked: boolean; upsert: boolean;
}): FastifyReply {
  if (opts.countAsked) reply.header('Content-Range', `*/${page.pageTotal}`);
  else if (opts.method !== 'POST') reply.header('Content-Range', page.pageTotal ? `0-${page.pageTotal - 1}/*` : '*/*');
  // An upsert that inserted nothing (every row existed and was updated) is a 200, as in PostgREST.
  const created = opts.method === 'POST' && !(opts.upsert && page.total === 0 && page.pageTotal > 0);
  if (!opts.representation) return reply.code(created ? 201 : opts.method === 'POST' ? 200 : 204).send();
  reply.code(created ? 201 : 200);
  return sendBody(reply, opts.accept, page.body ?? (opts.accept === 'csv' ? '' : '[]'));
}

/** EXPLAIN output: one JSON document, or the text plan's lines. */
export function sendPlan(reply: FastifyReply, rows: Array<Array<string | null>>, plan: PlanRequest, accept: Representation): FastifyReply {
  const target = { json: 'application/json', object: 'application/vnd.pgrst.object+json', csv: 'text/csv' }[accept];
  reply.type(`application/vnd.pgrst.plan+${plan.format}; for="${target}"; charset=utf-8`);
  return reply.send(plan.format === 'json' ? rows[0]?.[0] ?? '[]' : rows.map((r) => r[0]).join('\n'));
}
