// The data API (/v1/db and /rest/v1): parse → plan against the schema cache → one statement → run as the caller's
// role → shape the response. The mount's defaults (mount.ts) are the only difference between the two paths.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { TrestleContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { HeadersAst, Preferences, QueryAst } from '../../rest/ast.js';
import { columnNotFound, invalidPreferences, maxAffectedRpcViolation, maxAffectedViolation, singularity } from '../../rest/errors.js';
import { argumentKeys, findFunction, type RpcBody } from '../../rest/functions.js';
import { parseHeaders } from '../../rest/headers.js';
import type { MountDefaults } from '../../rest/mount.js';
import { parseQuery, queryPairs } from '../../rest/parse.js';
import { columnOf, findRelation, functionResult, planRead, resolveSchema, type ReadPlan } from '../../rest/plan.js';
import { sendMutation, sendPlan, sendRead, type PageResult } from '../../rest/respond.js';
import { identityOf, runRequest, type DbIdentity } from '../../rest/run.js';
import { relKey, type DbFunction, type Relation, type SchemaCache, type SchemaSnapshot } from '../../rest/schema-cache.js';
import type { DataApiSettings } from '../../rest/settings.js';
import {
  Builder, exactCountStatement, plannedCountStatement, readStatement, tableSource, type BodyFormat, type ReadStatement,
} from '../../rest/sql.js';
import { deleteSql, functionCallSql, functionSource, insertSql, mutationStatement, updateSql } from '../../rest/sql-write.js';

/** Errors that may just mean the cache has not caught up with DDL yet. */
const MISS_CODES = new Set(['PGRST205', 'PGRST202', 'PGRST200', 'PGRST204', '42703']);

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

interface RunOptions {
  readOnly: boolean;
  rollback: boolean;
  count?: Preferences['count'];
  /** count=planned|estimated: the EXPLAIN statement, and the exact count for estimates under the threshold. */
  countStmts?: { planned: () => ReadStatement; exact: () => ReadStatement; threshold?: number };
  /** Runs before COMMIT; throwing rolls the request back. */
  check?: (p: PageResult) => void;
}

/** Whether the request's transaction ends in ROLLBACK (db-tx-end, overridable by Prefer: tx= when allowed). */
function txOutcome(settings: DataApiSettings, prefer: Preferences): { rollback: boolean; applied: boolean } {
  const overridable = settings.txEnd.endsWith('-allow-override');
  if (overridable && prefer.tx) return { rollback: prefer.tx === 'rollback', applied: true };
  return { rollback: settings.txEnd.startsWith('rollback'), applied: false };
}

/** `Preference-Applied`, as PostgREST reports the preferences it honoured. */
function preferenceApplied(reply: FastifyReply, prefer: Preferences, tx: boolean, extra: string[] = []): void {
  const applied = [...extra];
  if (prefer.return) applied.push(`return=${prefer.return}`);
  if (prefer.count) applied.push(`count=${prefer.count}`);
  if (tx && prefer.tx) applied.push(`tx=${prefer.tx}`);
  if (prefer.handling === 'strict') applied.push('handling=strict');
  if (prefer.maxAffected !== undefined && prefer.handling === 'strict') applied.push(`max-affected=${prefer.maxAffected}`);
  if (applied.length) reply.header('Preference-Applied', applied.join(', '));
}

function bodyFormat(headers: HeadersAst): BodyFormat {
  if (headers.accept === 'csv') return 'csv';
  return headers.stripNulls ? 'json-stripped' : 'json';
}

export class DbService {
  constructor(private readonly ctx: TrestleContext, readonly cache: SchemaCache, private readonly mount: MountDefaults) {}

  /** Plans with the current snapshot; after an unknown name, once more with a fresh one (DDL may just have run). */
  private async withSnapshot<T>(fn: (s: SchemaSnapshot) => T, first?: SchemaSnapshot): Promise<T> {
    const since = Date.now();
    const snapshot = first ?? await this.cache.get();
    try {
      return fn(snapshot);
    } catch (err) {
      if (!(err instanceof ApiError) || !MISS_CODES.has(err.code)) throw err;
      const fresh = await this.cache.refreshAfterMiss(since).catch(() => undefined);
      if (!fresh || fresh === snapshot) throw err;
      return fn(fresh);
    }
  }

  private headers(request: FastifyRequest, s: SchemaSnapshot, write: boolean): HeadersAst {
    const headers = parseHeaders(request.headers, write, s.settings.planEnabled);
    if (headers.prefer.handling === 'strict' && headers.prefer.invalid.length) throw invalidPreferences(headers.prefer.invalid);
    return headers;
  }

  /**
   * Runs a page statement (total, page_total, body) in the request's transaction. A planned/estimated count or a
   * check that may roll back (singular mutations, max-affected) run inside the transaction before it ends.
   */
  private async page(id: DbIdentity, stmt: ReadStatement, opts: RunOptions): Promise<PageResult> {
    let counted: number | null = null;
    const counts = (opts.count === 'planned' || opts.count === 'estimated') ? opts.countStmts : undefined;
    const after = counts || opts.check ? async (c: pg.PoolClient, r: Array<Array<string | null>>) => {
      if (counts) {
        const plan = (await c.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(counts.planned())).rows[0]['QUERY PLAN'];
        counted = plan[0].Plan['Plan Rows'];
        // count=estimated: exact below the row threshold (PostgREST's db-max-rows), the planner's estimate above it.
        if (opts.count === 'estimated' && (counts.threshold === undefined || counted <= counts.threshold)) {
          counted = Number((await c.query<{ count: string }>(counts.exact())).rows[0].count);
        }
      }
      opts.check?.(toPage(r[0]));
    } : undefined;
    const rows = await runRequest(this.ctx.databases.activeApi, id, { readOnly: opts.readOnly, rollback: opts.rollback }, stmt, after);
    const page = toPage(rows[0]);
    if (counted !== null) page.total = counted;
    return page;
  }

  /** EXPLAIN of the request's statement (Accept: application/vnd.pgrst.plan…); always rolled back. */
  private async explain(reply: FastifyReply, id: DbIdentity, headers: HeadersAst, stmt: ReadStatement, readOnly: boolean): Promise<FastifyReply> {
    const plan = headers.plan!;
    const options = [`FORMAT ${plan.format.toUpperCase()}`, ...plan.options.map((o) => o.toUpperCase())].join(', ');
    const rows = await runRequest(this.ctx.databases.activeApi, id, { readOnly, rollback: true }, { text: `EXPLAIN (${options}) ${stmt.text}`, values: stmt.values });
    return sendPlan(reply, rows, plan, headers.accept);
  }

  private paging(ast: QueryAst, headers: HeadersAst, settings: DataApiSettings): { limit?: number; offset: number } {
    const root = ast.levels.get('')!;
    const max = this.mount.maxLimit(settings);
    let limit = root.limit ?? headers.range?.limit ?? this.mount.defaultLimit(settings);
    if (max !== undefined) limit = Math.min(limit ?? max, max);
    return { limit, offset: root.offset ?? headers.range?.offset ?? 0 };
  }

  async read(request: FastifyRequest, reply: FastifyReply, table: string): Promise<FastifyReply> {
    const ast = parseQuery(queryPairs(request.url));
    const id = await identityOf(this.ctx, request);
    const { plan, rel, headers, settings } = await this.withSnapshot((s) => {
      const headers = this.headers(request, s, false);
      const rel = findRelation(s, resolveSchema(s, headers.profile), table);
      return { rel, plan: planRead(s, rel, ast), headers, settings: s.settings };
    });
    const { limit, offset } = this.paging(ast, headers, settings);
    const count = headers.prefer.count;
    const threshold = this.mount.maxLimit(settings);
    const exact = count === 'exact' || (count === 'estimated' && threshold === undefined);
    const stmt = readStatement(plan, tableSource(rel), { count: exact ? 'exact' : 'none', limit, offset, format: bodyFormat(headers) });
    if (headers.plan) return this.explain(reply, id, headers, stmt, true);
    const page = await this.page(id, stmt, {
      readOnly: true, rollback: false, count: exact ? undefined : count,
      countStmts: { planned: () => plannedCountStatement(plan, tableSource(rel)), exact: () => exactCountStatement(plan, tableSource(rel)), threshold },
    });
    preferenceApplied(reply, { invalid: [], count }, false);
    return sendRead(reply, page, { offset, accept: headers.accept, head: request.method === 'HEAD' });
  }

  async write(request: FastifyRequest, reply: FastifyReply, table: string, method: 'POST' | 'PATCH' | 'DELETE'): Promise<FastifyReply> {
    const ast = parseQuery(queryPairs(request.url));
    const id = await identityOf(this.ctx, request);
    if (method !== 'POST' && ast.levels.get('')!.filters.length === 0) throw this.mount.unfilteredWrite(method);
    const body = request.body;
    const built = await this.withSnapshot((s) => {
      const headers = this.headers(request, s, true);
      const { prefer } = headers;
      const representation = prefer.return === 'representation' || (prefer.return === undefined && this.mount.returnRepresentation);
      const rel = findRelation(s, resolveSchema(s, headers.profile), table);
      const plan = planRead(s, rel, ast);
      const b = new Builder();
      const format = bodyFormat(headers);
      const base = { headers, representation, settings: s.settings, upsert: false };
      if (method === 'DELETE') return { ...base, stmt: mutationStatement(b, plan, deleteSql(b, plan, representation), format) };
      if (method === 'PATCH') {
        const row = objectBody(body);
        const columns = Object.keys(row);
        columns.forEach((c) => missingColumn(rel, c));
        if (columns.length === 0) return { ...base, stmt: null };
        return { ...base, stmt: mutationStatement(b, plan, updateSql(b, plan, columns, row, representation), format) };
      }
      const rows = Array.isArray(body) ? body.map(objectBody) : [objectBody(body)];
      if (rows.length === 0) return { ...base, stmt: null };
      const columns = ast.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
      columns.forEach((c) => missingColumn(rel, c));
      const onConflict = ast.onConflict;
      onConflict?.forEach((c) => columnOf(undefined, rel, c));
      if (prefer.resolution && !onConflict && rel.primaryKey.length === 0) {
        throw new ApiError(400, 'PGRST100', `Upsert on ${rel.name} needs on_conflict: the table has no primary key`);
      }
      const insert = insertSql(b, rel, columns, rows, {
        missingDefault: prefer.missing === 'default' && Array.isArray(body), onConflict, resolution: prefer.resolution, returning: representation,
      });
      return { ...base, upsert: insert.upsert === true, stmt: mutationStatement(b, plan, insert, format) };
    });
    const { headers, representation, settings, upsert } = built;
    const { prefer } = headers;
    const tx = txOutcome(settings, prefer);
    const strictMax = prefer.handling === 'strict' && prefer.maxAffected !== undefined && method !== 'POST' ? prefer.maxAffected : undefined;
    const applied = () => preferenceApplied(reply, prefer, tx.applied, [
      ...(prefer.resolution ? [`resolution=${prefer.resolution}`] : []), ...(prefer.missing ? [`missing=${prefer.missing}`] : []),
    ]);
    const respond = { method, accept: headers.accept, representation, countAsked: Boolean(prefer.count), upsert };
    if (!built.stmt) {
      applied();
      return sendMutation(reply, { body: headers.accept === 'csv' ? '' : '[]', pageTotal: 0, total: null }, respond);
    }
    if (headers.plan) return this.explain(reply, id, headers, built.stmt, false);
    // A singular request that changed 0 or several rows, or one over max-affected, changes nothing.
    const singular = headers.accept === 'object';
    const page = await this.page(id, built.stmt, {
      readOnly: false, rollback: tx.rollback,
      check: singular || strictMax !== undefined ? (p) => {
        if (strictMax !== undefined && p.pageTotal > strictMax) throw maxAffectedViolation(p.pageTotal);
        if (singular && p.pageTotal !== 1) throw singularity(p.pageTotal);
      } : undefined,
    });
    applied();
    return sendMutation(reply, page, respond);
  }

  async rpc(request: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply> {
    const method = request.method as Method;
    const read = method === 'GET' || method === 'HEAD';
    const pairs = queryPairs(request.url);
    const id = await identityOf(this.ctx, request);
    const body = read ? undefined : request.body;
    if (!read && body !== undefined && typeof body !== 'string' && (typeof body !== 'object' || body === null)) {
      throw new ApiError(400, 'PGRST102', 'The rpc body must be a JSON object of named arguments');
    }
    const since = Date.now();
    let first = await this.cache.get();
    // A function created a moment ago: reload before its GET arguments could be taken for filters.
    if (read && !first.functions.has(relKey(resolveSchema(first, parseHeaders(request.headers, false, false).profile), name))) {
      first = (await this.cache.refreshAfterMiss(since).catch(() => undefined)) ?? first;
    }
    const planned = await this.withSnapshot((s) => {
      const headers = this.headers(request, s, !read);
      const schema = resolveSchema(s, headers.profile);
      let ast: QueryAst;
      let given: Record<string, unknown>;
      let rpcBody: RpcBody;
      if (read) {
        ast = parseQuery(pairs, argumentKeys(s, schema, name));
        given = ast.args;
        rpcBody = { kind: 'query', keys: Object.keys(given) };
      } else {
        ast = parseQuery(pairs);
        given = typeof body === 'object' && body !== null && !Array.isArray(body) ? body as Record<string, unknown> : {};
        rpcBody = typeof body === 'string' ? { kind: 'text' } : { kind: 'json', keys: Object.keys(given), array: Array.isArray(body) };
      }
      const { fn, wholeBody } = findFunction(s, schema, name, rpcBody);
      const args = new Map(Object.entries(given).map(([k, v]) => [k, read ? v : argValue(fn, k, v)]));
      const call = (b: Builder) => functionCallSql(b, fn, args, wholeBody ? { value: body ?? given } : undefined);
      const plan = fn.returnKind === 'void' || (fn.returnKind === 'scalar' && !fn.returnsSet) ? undefined : planRead(s, functionResult(fn), ast);
      return { fn, plan, call, ast, headers, settings: s.settings };
    }, first);
    const { fn, headers, settings } = planned;
    const { prefer } = headers;
    const tx = txOutcome(settings, prefer);
    const strictMax = prefer.handling === 'strict' && prefer.maxAffected !== undefined ? prefer.maxAffected : undefined;
    if (strictMax !== undefined && !fn.returnsSet) throw maxAffectedRpcViolation();
    const run: RunOptions = {
      readOnly: read, rollback: tx.rollback,
      check: strictMax !== undefined ? (p) => { if (p.pageTotal > strictMax) throw maxAffectedViolation(p.pageTotal); } : undefined,
    };
    const noBody = method === 'HEAD' || prefer.return === 'minimal';
    if (!planned.plan) {
      const stmt = scalarStatement(fn, planned.call);
      if (headers.plan) return this.explain(reply, id, headers, stmt, read);
      const text = (await runRequest(this.ctx.databases.activeApi, id, { readOnly: read, rollback: tx.rollback }, stmt))[0][0];
      preferenceApplied(reply, prefer, tx.applied);
      if (fn.returnKind === 'void') return reply.code(204).send();
      reply.header('Content-Range', prefer.count ? '0-0/1' : '0-0/*');
      return reply.type('application/json; charset=utf-8').send(noBody ? undefined : (text ?? 'null'));
    }
    const { plan, call, ast } = planned as { plan: ReadPlan; call: (b: Builder) => string; ast: QueryAst };
    const { limit, offset } = this.paging(ast, headers, settings);
    const count = prefer.count;
    const source = functionSource(fn, call);
    const threshold = this.mount.maxLimit(settings);
    const exact = count === 'exact' || (count === 'estimated' && threshold === undefined);
    const stmt = readStatement(plan, source, { count: exact ? 'exact' : 'none', limit, offset, format: bodyFormat(headers) });
    if (headers.plan) return this.explain(reply, id, headers, stmt, read);
    const page = await this.page(id, stmt, {
      ...run, count: exact ? undefined : count,
      countStmts: { planned: () => plannedCountStatement(plan, source), exact: () => exactCountStatement(plan, source), threshold },
    });
    preferenceApplied(reply, prefer, tx.applied);
    if (!fn.returnsSet) {
      // A function returning one composite row answers with that object, like PostgREST.
      reply.header('Content-Range', page.pageTotal ? '0-0/*' : '*/*');
      return reply.type('application/json; charset=utf-8').send(noBody ? undefined : page.pageTotal === 1 ? page.body!.slice(1, -1).trim() : 'null');
    }
    return sendRead(reply, page, { offset, accept: headers.accept, head: noBody });
  }
}

function toPage(row: Array<string | null>): PageResult {
  const [total, pageTotal, body] = row;
  return { total: total === null ? null : Number(total), pageTotal: Number(pageTotal), body };
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json', { hint: 'Send a JSON object (or, for inserts, an array of objects)' });
  }
  return body as Record<string, unknown>;
}

function missingColumn(rel: Relation, name: string): void {
  if (!rel.columns.has(name)) throw columnNotFound(rel.name, name.slice(0, 100));
}

/** A JSON argument as the text Postgres reads for the parameter's type (arrays stay arrays for array types). */
function argValue(fn: DbFunction, name: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const type = fn.args.find((a) => a.name === name)?.type ?? '';
  if (Array.isArray(v) && type.endsWith('[]')) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : x));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function scalarStatement(fn: DbFunction, call: (b: Builder) => string): ReadStatement {
  const b = new Builder();
  const sql = call(b);
  return { text: fn.returnKind === 'void' ? `SELECT ${sql}::text AS body` : `SELECT to_json(${sql})::text AS body`, values: b.params.values };
}
