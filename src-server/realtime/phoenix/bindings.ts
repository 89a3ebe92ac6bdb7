// postgres_changes bindings of a channel: validated at join against the catalog as the subscriber's role sees it
// (the table, the publication, filter columns it may read), with the ids the client matches events by.
import type { Queryable } from '../../db/database.js';
import { FilterError } from '../errors.js';
import { checkConditions, parseFilter, type Condition } from '../filters.js';
import { describeTarget, schemaHasPublished } from '../publication.js';
import type { AudienceRole, RowChange } from '../types.js';

export type BindingEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface Binding {
  id: number;
  event: BindingEvent;
  schema: string;
  /** undefined or '*': every table of the schema. */
  table?: string;
  conditions: Condition[];
  select?: string[];
  /** What the client sent, echoed with the id in the join reply (the client compares them). */
  echo: Record<string, unknown>;
  /** Why it cannot receive anything (reported in a system message); undefined when it is active. */
  error?: string;
  /**
   * Why it receives nothing yet: the table is not published. Reported like an error (as Supabase does), but the
   * binding stays live, so `alter publication … add table` later makes its changes arrive.
   */
  notice?: string;
}

/** A stable 32-bit id per distinct binding (identical bindings share one, as in Supabase). */
function bindingId(params: Record<string, unknown>): number {
  let h = 0x811c9dc5;
  const text = JSON.stringify([params.event, params.schema, params.table ?? null, params.filter ?? null, params.select ?? null]);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const EVENTS = new Set(['*', 'INSERT', 'UPDATE', 'DELETE']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each entry of config.postgres_changes becomes a binding; problems become its `error`, never a thrown error. */
export async function buildBindings(db: Queryable, role: AudienceRole, entries: unknown[]): Promise<Binding[]> {
  const bindings: Binding[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const echo = { ...entry };
    const event = typeof entry.event === 'string' ? entry.event.toUpperCase() : '';
    const schema = typeof entry.schema === 'string' && entry.schema ? entry.schema : 'public';
    const table = typeof entry.table === 'string' && entry.table !== '*' && entry.table ? entry.table : undefined;
    const filter = typeof entry.filter === 'string' && entry.filter ? entry.filter : undefined;
    const select = Array.isArray(entry.select) ? entry.select.filter((s): s is string => typeof s === 'string') : undefined;
    const binding: Binding = { id: bindingId(entry), event: (EVENTS.has(event) ? event : '*') as BindingEvent, schema, table, conditions: [], select, echo };
    const problem = await validate(db, role, binding, event, filter).catch((err: Error) => ({ error: err.message }));
    Object.assign(binding, problem);
    bindings.push(binding);
  }
  return bindings;
}

type Problem = { error?: string; notice?: string };

async function validate(db: Queryable, role: AudienceRole, b: Binding, event: string, filter: string | undefined): Promise<Problem> {
  if (!EVENTS.has(event)) return { error: FilterError.event(event) };
  if (!b.table) {
    if (filter) return { error: FilterError.tableRequired };
    return (await schemaHasPublished(db, b.schema)) ? {} : { notice: FilterError.nothingPublished(b.schema) };
  }
  const name = `${b.schema}.${b.table}`;
  const target = await describeTarget(db, role, b.schema, b.table);
  if (!target.exists) return { error: FilterError.noSuchTable(name) };
  if (filter) {
    b.conditions = parseFilter(filter);
    checkConditions(b.conditions, target.columns, new Set(target.readable), name);
  }
  for (const column of b.select ?? []) if (!target.readable.includes(column)) return { error: FilterError.select(column) };
  return target.published ? {} : { notice: FilterError.notPublished(name) };
}

/** Why bindings cannot (yet) receive anything, joined in one line; '' when all are live. */
export function bindingProblems(bindings: Binding[]): string {
  return bindings.map((b) => b.error ?? b.notice).filter((e): e is string => e !== undefined).join('; ');
}

/** Table and event, before visibility and filters. */
export function targets(b: Binding, change: RowChange): boolean {
  return !b.error && (b.schema === '*' || b.schema === change.schema) && (!b.table || b.table === change.table)
    && (b.event === '*' || b.event === change.op);
}
