// Who may see which change, decided in batches: per audience (API role + JWT claims) and table, one statement judges
// every row image of the batch against the audience's policies, and all audiences go out in one round trip on the
// non-superuser authenticator pool. Column privileges come from the catalog read with the batch.
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { runPipeline, type Step } from '../rest/pipeline.js';
import { checkStatement, policyExpression } from './policy-sql.js';
import type { Audience, ChangeView, ColumnMeta, RowChange, TableMeta } from './types.js';

const CHECK_TIMEOUT_MS = 5_000;
/** Connections one batch's checks may use at once. */
const PARALLEL_PIPELINES = 3;
const PREAMBLE: Step[] = [
  { text: 'RESET ALL', prepare: true },
  { text: `SELECT set_config('statement_timeout', '${CHECK_TIMEOUT_MS}', true), set_config('transaction_read_only', 'on', true)`, prepare: true },
];
const IDENTITY = `SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.sub', $3, true),
  set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true)`;

/** Views of one change, by audience key. */
export type ChangeViews = Map<string, ChangeView>;

interface PendingCheck {
  audience: Audience;
  table: TableMeta;
  expression: string;
  /** Which change and which image (new or old) each row of the statement is. */
  slots: Array<{ change: RowChange; image: 'new' | 'old' }>;
}

function imagesOf(change: RowChange): Array<'new' | 'old'> {
  if (change.op === 'INSERT') return ['new'];
  if (change.op === 'DELETE') return ['old'];
  return ['new', 'old'];
}

const pick = (columns: ColumnMeta[], names: string[]) => {
  const allowed = new Set(names);
  return columns.filter((c) => allowed.has(c.name));
};

export class VisibilityChecker {
  constructor(private readonly api: () => Database, private readonly log: Logger) {}

  /**
   * `audiences`: for each table of the batch, the audiences of the subscribers that want its changes.
   * Returns the views by change id; a change or audience absent from the result sees nothing.
   */
  async judge(changes: RowChange[], tables: Map<number, TableMeta>, audiences: Map<number, Map<string, Audience>>): Promise<Map<number, ChangeViews>> {
    const views = new Map<number, ChangeViews>();
    const pending: PendingCheck[] = [];
    const view = (change: RowChange, audience: Audience, v: Omit<ChangeView, 'memo'>) => {
      let byAudience = views.get(change.id);
      if (!byAudience) views.set(change.id, (byAudience = new Map()));
      byAudience.set(audience.key, { ...v, memo: new Map() });
    };

    for (const [relid, forTable] of audiences) {
      const table = tables.get(relid);
      if (!table) continue;
      const ofTable = changes.filter((c) => c.relid === relid);
      for (const audience of forTable.values()) {
        if (audience.role === 'owner') {
          for (const c of ofTable) view(c, audience, { table, newVisible: true, oldVisible: true, rlsApplies: false, columns: table.columns });
          continue;
        }
        const role = table.roles[audience.role];
        if (!role?.usage || role.columns.length === 0) continue;
        const columns = pick(table.columns, role.columns);
        const rlsApplies = table.rls && !role.bypass;
        if (!rlsApplies) {
          for (const c of ofTable) view(c, audience, { table, newVisible: true, oldVisible: true, rlsApplies, columns });
          continue;
        }
        const expression = policyExpression(role.policies);
        if (expression === null) continue;
        const check: PendingCheck = { audience, table, expression, slots: [] };
        for (const c of ofTable) {
          view(c, audience, { table, newVisible: false, oldVisible: false, rlsApplies, columns });
          for (const image of imagesOf(c)) check.slots.push({ change: c, image });
        }
        pending.push(check);
      }
    }

    pending.sort((a, b) => (a.audience.key < b.audience.key ? -1 : a.audience.key > b.audience.key ? 1 : 0));
    const answers = await this.run(pending);
    for (const [i, check] of pending.entries()) {
      const answer = answers[i];
      check.slots.forEach((slot, j) => {
        if (answer?.[j] !== 't') return;
        const v = views.get(slot.change.id)!.get(check.audience.key)!;
        if (slot.image === 'new') v.newVisible = true;
        else v.oldVisible = true;
      });
    }
    return views;
  }

  /**
   * The checks in a few pipelines on as many connections, split by audience (so Postgres can use several cores);
   * if one fails (a policy that errors), each of its audiences again on its own.
   */
  private async run(pending: PendingCheck[]): Promise<Array<string | null>> {
    if (pending.length === 0) return [];
    const answers: Array<string | null> = pending.map(() => null);
    const byAudience = new Map<string, number[]>();
    pending.forEach((p, i) => byAudience.set(p.audience.key, [...(byAudience.get(p.audience.key) ?? []), i]));
    const groups = [...byAudience.values()];
    const lanes = Math.min(PARALLEL_PIPELINES, groups.length);
    const perLane = Math.ceil(groups.length / lanes);
    await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
      const mine = groups.slice(lane * perLane, (lane + 1) * perLane);
      const indexes = mine.flat();
      try {
        const got = await this.pipeline(indexes.map((i) => pending[i]));
        indexes.forEach((i, k) => (answers[i] = got[k]));
      } catch {
        for (const group of mine) await this.runAlone(pending, group, answers);
      }
    }));
    return answers;
  }

  private async runAlone(pending: PendingCheck[], indexes: number[], answers: Array<string | null>): Promise<void> {
    try {
      const got = await this.pipeline(indexes.map((i) => pending[i]));
      indexes.forEach((i, k) => (answers[i] = got[k]));
    } catch (err) {
      const p = pending[indexes[0]];
      this.log.warn({ err: (err as Error).message, role: p.audience.role, table: `${p.table.schema}.${p.table.table}` },
        'realtime: a row security policy failed; the changes are not sent to this subscriber');
    }
  }

  private async pipeline(pending: PendingCheck[]): Promise<Array<string | null>> {
    const steps: Step[] = [...PREAMBLE];
    const resultSteps: number[] = [];
    let current: string | undefined;
    for (const p of pending) {
      if (p.audience.key !== current) {
        current = p.audience.key;
        steps.push({ text: IDENTITY, values: [p.audience.role, p.audience.claims, p.audience.sub], prepare: true });
      }
      const images = p.slots.map((s) => (s.image === 'new' ? s.change.recordJson : s.change.oldJson) ?? '{}');
      resultSteps.push(steps.length);
      steps.push({ text: checkStatement(p.table, p.expression), values: [`[${images.join(',')}]`], rows: true, prepare: true });
    }
    const results = await this.api().withClient((client) => runPipeline(client, steps));
    return resultSteps.map((s) => results[s]?.[0]?.[0] ?? null);
  }
}
