// /v1/db: parse → plan against the schema cache → one statement → run as the caller's role → shape the response.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TrestleContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { HeadersAst, QueryAst } from '../../rest/ast.js';
import { MAX_LIMIT, parseHeaders, parseQuery, queryPairs } from '../../rest/parse.js';
import { columnOf, findFunction, findRelation, functionResult, planRead, resolveSchema, type ReadPlan } from '../../rest/plan.js';
import { sendMutation, sendRead, singularError, type PageResult } from '../../rest/respond.js';
import { identityOf, runRequest, type DbIdentity } from '../../rest/run.js';
import { relKey, SchemaCache, type DbFunction, type Relation, type SchemaSnapshot } from '../../rest/schema-cache.js';
import {
  Builder, deleteSql, functionCallSql, functionSource, insertSql, mutationStatement, plannedCountStatement, readStatement,
  tableSource, updateSql, type ReadStatement,
} from '../../rest/sql.js';

export const DEFAULT_LIMIT = 1000;
/** Errors that may just mean the cache has not caught up with DDL yet. */
const MISS_CODES = new Set(['PGRST205', 'PGRST202', 'PGRST200', 'PGRST204', '42703']);

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';

export class DbService {
  readonly cache: SchemaCache;

  constructor(private readonly ctx: TrestleContext) {
    this.cache = new SchemaCache(ctx);
  }

  /** Plans with the current snapshot; after an unknown name, once more with a fresh one (DDL may just have run). */
  private async withSnapshot<T>(fn: (s: SchemaSnapshot) => T): Promise<T> {
    const snapshot = await this.cache.get();
    try {
      return fn(snapshot);
    } catch (err) {
      if (!(err instanceof ApiError) || !MISS_CODES.has(err.code)) throw err;
      const fresh = await this.cache.refreshAfterMiss().catch(() => undefined);
      if (!fresh || fresh === snapshot) throw err;
      return fn(fresh);
    }
  }

  /**
   * Runs a page statement (total, page_total, body) in the request's transaction. A planned/estimated count or a
   * check that may roll back (singular mutations) run inside the transaction before COMMIT.
   */
  private async page(id: DbIdentity, readOnly: boolean, stmt: ReadStatement, opts: {
    count?: HeadersAst['prefer']['count']; countStmt?: () => ReadStatement; check?: (p: PageResult) => void;
  } = {}): Promise<PageResult> {
    let planned: number | null = null;
    const wantsPlan = (opts.count === 'planned' || opts.count === 'estimated') && opts.countStmt;
    const rows = await runRequest(this.ctx.databases.activeApi, id, { readOnly }, stmt, wantsPlan || opts.check ? async (c, r) => {
      if (wantsPlan) {
        const plan = (await c.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(opts.countStmt!())).rows[0]['QUERY PLAN'];
        planned = plan[0].Plan['Plan Rows'];
      }
      opts.check?.(toPage(r[0]));
    } : undefined);
    const page = toPage(rows[0]);
    if (planned !== null) page.total = planned;
    return page;
  }

  private paging(ast: QueryAst, headers: HeadersAst): { limit: number; offset: number } {
    const root = ast.levels.get('')!;
    const limit = Math.min(root.limit ?? headers.range?.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const offset = root.offset ?? headers.range?.offset ?? 0;
    return { limit, offset };
  }

  async read(request: FastifyRequest, reply: FastifyReply, table: string): Promise<FastifyReply> {
    const headers = parseHeaders(request.headers, false);
    const ast = parseQuery(queryPairs(request.url));
    const id = await identityOf(this.ctx, request);
    const { plan, rel } = await this.withSnapshot((s) => {
      const rel = findRelation(s, resolveSchema(s, headers.profile), table);
      return { rel, plan: planRead(s, rel, ast) };
    });
    const { limit, offset } = this.paging(ast, headers);
    const count = headers.prefer.count;
    const stmt = readStatement(plan, tableSource(rel), count === 'exact' ? 'exact' : 'none', limit, offset);
    const page = await this.page(id, true, stmt, { count, countStmt: () => plannedCountStatement(plan, tableSource(rel)) });
    return sendRead(reply, page, { offset, accept: headers.accept, head: request.method === 'HEAD' });
  }

  async write(request: FastifyRequest, reply: FastifyReply, table: string, method: 'POST' | 'PATCH' | 'DELETE'): Promise<FastifyReply> {
    const headers = parseHeaders(request.headers, true);
    const ast = parseQuery(queryPairs(request.url));
    const id = await identityOf(this.ctx, request);
    const { prefer } = headers;
    const representation = prefer.return === undefined || prefer.return === 'representation';
    if (method !== 'POST' && ast.levels.get('')!.filters.length === 0) {
      throw new ApiError(400, 'FILTER_REQUIRED', `${method} needs at least one filter`, {
        hint: method === 'DELETE' ? 'Add a filter such as ?id=eq.1 (use id=not.is.null to delete every row on purpose)' : 'Add a filter such as ?id=eq.1 (use id=not.is.null to update every row on purpose)',
      });
    }
    const body = request.body;
    const built = await this.withSnapshot((s) => {
      const rel = findRelation(s, resolveSchema(s, headers.profile), table);
      const plan = planRead(s, rel, ast);
      const b = new Builder();
      if (method === 'DELETE') return mutationStatement(b, plan, deleteSql(b, plan, representation));
      if (method === 'PATCH') {
        const row = objectBody(body);
        const columns = Object.keys(row);
        columns.forEach((c) => missingColumn(rel, c));
        if (columns.length === 0) return null;
        return mutationStatement(b, plan, updateSql(b, plan, columns, row, representation));
      }
      const rows = Array.isArray(body) ? body.map(objectBody) : [objectBody(body)];
      if (rows.length === 0) return null;
      const columns = ast.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
      columns.forEach((c) => missingColumn(rel, c));
      const onConflict = ast.onConflict;
      onConflict?.forEach((c) => columnOf(rel, c));
      if (prefer.resolution && !onConflict && rel.primaryKey.length === 0) {
        throw new ApiError(400, 'PGRST100', `Upsert on ${rel.name} needs on_conflict: the table has no primary key`);
      }
      return mutationStatement(b, plan, insertSql(b, rel, columns, rows, {
        missingDefault: prefer.missing === 'default' && Array.isArray(body), onConflict, resolution: prefer.resolution, returning: representation,
      }));
    });
    if (!built) return sendMutation(reply, { body: '[]', pageTotal: 0, total: null }, { method, accept: headers.accept, representation, countAsked: Boolean(prefer.count) });
    // A singular request that changed 0 or several rows changes nothing.
    const singular = headers.accept === 'object' && representation;
    const page = await this.page(id, false, built, singular ? { check: (p) => { if (p.pageTotal !== 1) throw singularError(p.pageTotal); } } : {});
    return sendMutation(reply, page, { method, accept: headers.accept, representation, countAsked: Boolean(prefer.count) });
  }

  async rpc(request: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply> {
    const method = request.method as Method;
    const read = method === 'GET' || method === 'HEAD';
    const headers = parseHeaders(request.headers, !read);
    const pairs = queryPairs(request.url);
    const id = await identityOf(this.ctx, request);
    const body = read ? undefined : request.body;
    if (!read && body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw new ApiError(400, 'PGRST102', 'The rpc body must be a JSON object of named arguments');
    }
    const planned = await this.withSnapshot((s) => {
      const schema = resolveSchema(s, headers.profile);
      let ast: QueryAst;
      let given: Record<string, unknown>;
      if (read) {
        const names = new Set((s.functions.get(relKey(schema, name)) ?? []).flatMap((f) => f.args.map((a) => a.name)));
        ast = parseQuery(pairs, names);
        given = ast.args;
      } else {
        ast = parseQuery(pairs);
        given = (body ?? {}) as Record<string, unknown>;
      }
      const { fn, wholeBody } = findFunction(s, schema, name, Object.keys(given));
      const args = new Map(Object.entries(given).map(([k, v]) => [k, read ? v : argValue(fn, k, v)]));
      const call = (b: Builder) => functionCallSql(b, fn, args, wholeBody ? given : undefined);
      if (fn.returnKind === 'void' || (fn.returnKind === 'scalar' && !fn.returnsSet)) return { fn, scalar: scalarStatement(fn, call) };
      const plan = planRead(s, functionResult(fn), ast);
      return { fn, plan, call, ast };
    });
    const { fn } = planned;
    if (planned.scalar) {
      const text = (await runRequest(this.ctx.databases.activeApi, id, { readOnly: read }, planned.scalar))[0][0];
      if (fn.returnKind === 'void') return reply.code(204).send();
      return reply.type('application/json; charset=utf-8').send(read && method === 'HEAD' ? undefined : (text ?? 'null'));
    }
    const { plan, call, ast } = planned as { plan: ReadPlan; call: (b: Builder) => string; ast: QueryAst };
    const { limit, offset } = this.paging(ast, headers);
    const count = headers.prefer.count;
    const source = functionSource(fn, call);
    const stmt = readStatement(plan, source, count === 'exact' ? 'exact' : 'none', limit, offset);
    const page = await this.page(id, read, stmt, { count, countStmt: () => plannedCountStatement(plan, source) });
    if (!fn.returnsSet) {
      // A function returning one composite row answers with that object, like PostgREST.
      reply.header('Content-Range', page.pageTotal ? '0-0/*' : '*/*');
      return reply.type('application/json; charset=utf-8').send(page.pageTotal === 1 ? page.body!.slice(1, -1).trim() : 'null');
    }
    return sendRead(reply, page, { offset, accept: headers.accept, head: method === 'HEAD' });
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
  if (!rel.columns.has(name)) {
    throw new ApiError(400, 'PGRST204', `Could not find the '${name.slice(0, 100)}' column of '${rel.name}' in the schema cache`, {
      hint: `Columns of ${rel.name}: ${rel.columnList.map((c) => c.name).join(', ').slice(0, 500)}`,
    });
  }
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
