// EXPLAIN [ANALYZE] of one statement inside a transaction that is always rolled back (so EXPLAIN ANALYZE of a
// DELETE changes nothing), flattened into nodes with their exclusive cost and time for highlighting.
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError, positionToLineColumn } from '../db/pg-errors.js';
import { ApiError, badRequest } from '../errors.js';
import { resolveLimits, setStatementTimeout } from '../sql/execute.js';
import { splitStatements } from './sql-tokens.js';

interface PlanNode {
  'Node Type': string;
  'Total Cost': number;
  'Plan Rows': number;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface FlatNode {
  id: number;
  parent_id: number | null;
  depth: number;
  node_type: string;
  relation: string | null;
  index: string | null;
  total_cost: number;
  exclusive_cost: number;
  plan_rows: number;
  actual_rows: number | null;
  loops: number | null;
  /** Inclusive time over all loops (ms). */
  actual_total_ms: number | null;
  exclusive_ms: number | null;
  /** Share of the whole plan's cost (or time, with ANALYZE) spent in this node alone, 0–1. */
  share: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Wall-clock time of a node over all its loops (ms). Postgres reports per-loop averages; under Gather the loops are
 * spread over `processes` workers running at once, so their sum is divided by that (otherwise a parallel scan's time
 * is counted once per worker and the nodes add up to more than the query took).
 */
const inclusiveMs = (n: PlanNode, processes: number) => ((n['Actual Total Time'] ?? 0) * (n['Actual Loops'] ?? 1)) / processes;

const isGather = (n: PlanNode) => n['Node Type'] === 'Gather' || n['Node Type'] === 'Gather Merge';

/**
 * The plan as a flat list. `exclusive_*` is a node's own share (its inclusive figure minus its children's), so with
 * ANALYZE the exclusive times of all nodes add up to the root's inclusive time.
 */
export function flattenPlan(root: PlanNode, analyze: boolean): FlatNode[] {
  const nodes: FlatNode[] = [];
  const walk = (node: PlanNode, parent: number | null, depth: number, processes: number) => {
    const children = node.Plans ?? [];
    const childProcesses = isGather(node) ? Number(node['Workers Launched'] ?? 0) + 1 : processes;
    const id = nodes.length;
    const childCost = children.reduce((s, c) => s + c['Total Cost'], 0);
    const childMs = children.reduce((s, c) => s + inclusiveMs(c, childProcesses), 0);
    const own = inclusiveMs(node, processes);
    nodes.push({
      id, parent_id: parent, depth, node_type: node['Node Type'],
      relation: node['Relation Name'] ?? null, index: node['Index Name'] ?? null,
      total_cost: node['Total Cost'], exclusive_cost: round(Math.max(0, node['Total Cost'] - childCost)),
      plan_rows: node['Plan Rows'],
      actual_rows: analyze ? node['Actual Rows'] ?? null : null,
      loops: analyze ? node['Actual Loops'] ?? null : null,
      actual_total_ms: analyze ? round(own) : null,
      exclusive_ms: analyze ? round(Math.max(0, own - childMs)) : null,
      share: 0,
    });
    for (const child of children) walk(child, id, depth + 1, childProcesses);
  };
  walk(root, null, 0, 1);
  const measure = (n: FlatNode) => (analyze ? n.exclusive_ms ?? 0 : n.exclusive_cost);
  const total = nodes.reduce((s, n) => s + measure(n), 0);
  for (const n of nodes) n.share = total > 0 ? round(measure(n) / total) : 0;
  return nodes;
}

export async function explain(db: Database, req: { sql: string; analyze?: boolean; params?: unknown[]; timeout?: number }) {
  const statements = splitStatements(req.sql);
  if (statements.length !== 1) {
    throw badRequest('SINGLE_STATEMENT_REQUIRED', `EXPLAIN takes exactly one statement; got ${statements.length}`);
  }
  const { timeoutMs } = resolveLimits({ timeoutMs: req.timeout });
  const stmt = statements[0];
  if (stmt.tokens[0]?.kind === 'word' && stmt.tokens[0].value === 'EXPLAIN') {
    throw badRequest('ALREADY_EXPLAIN', 'Send the statement itself, without EXPLAIN; set analyze for EXPLAIN ANALYZE');
  }
  const options = req.analyze ? 'FORMAT JSON, ANALYZE, BUFFERS, VERBOSE' : 'FORMAT JSON, VERBOSE';
  const prefix = `EXPLAIN (${options}) `;
  return db.withClient(async (client) => {
    await client.query('BEGIN');
    try {
      await setStatementTimeout(client, timeoutMs);
      const { rows } = await client.query(prefix + stmt.text, req.params?.length ? req.params : undefined);
      const doc = rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Planning Time'?: number; 'Execution Time'?: number };
      const nodes = flattenPlan(doc.Plan, Boolean(req.analyze));
      const costliest = [...nodes].sort((a, b) => b.share - a.share).slice(0, 3).filter((n) => n.share > 0).map((n) => n.id);
      return {
        analyze: Boolean(req.analyze), plan: doc.Plan, nodes, costliest,
        planning_ms: doc['Planning Time'] ?? null, execution_ms: doc['Execution Time'] ?? null,
        total_cost: doc.Plan['Total Cost'],
      };
    } catch (err) {
      if (!isDatabaseError(err)) throw err;
      const base = fromDatabaseError(err);
      const position = err.position ? stmt.start + Number(err.position) - prefix.length : null;
      const at = position && position > 0 ? positionToLineColumn(req.sql, position) : null;
      throw new ApiError(base.statusCode, base.code, base.message, {
        hint: base.hint, detail: { position, line: at?.line ?? null, column: at?.column ?? null, postgres_detail: err.detail ?? null },
      });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}
