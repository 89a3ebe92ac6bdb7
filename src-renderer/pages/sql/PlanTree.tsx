import type { ExplainResult, PlanNode } from '../../data/sql/types';

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

function NodeRow({ node, costly, analyze }: { node: PlanNode; costly: boolean; analyze: boolean }) {
  const heat = Math.min(1, node.share * 1.5);
  return (
    <div className={`plan-node ${costly ? 'plan-costly' : ''}`} style={{ paddingLeft: 8 + node.depth * 22 }} data-testid="plan-node" data-costly={costly} data-node-type={node.node_type}>
      <span className="plan-bar" style={{ width: `${Math.max(2, heat * 100)}%`, opacity: 0.15 + heat * 0.5 }} />
      <span className="plan-label">
        {node.depth > 0 && <span className="muted">└ </span>}
        <strong>{node.node_type}</strong>
        {node.relation && <> on <code>{node.relation}</code></>}
        {node.index && <> using <code>{node.index}</code></>}
      </span>
      <span className="plan-stats small">
        {analyze
          ? <><span data-testid="plan-self-ms">{node.exclusive_ms}</span> ms self · <span title="This node and everything below it (inclusive)">{node.actual_total_ms} ms incl. children</span> · {node.actual_rows} rows{node.loops && node.loops > 1 ? ` × ${node.loops} loops` : ''} (est. {node.plan_rows})</>
          : <>cost {node.exclusive_cost} self · {node.total_cost} total · {node.plan_rows} rows est.</>}
        {' · '}<span data-testid="plan-share">{pct(node.share)}</span>
      </span>
    </div>
  );
}

/** EXPLAIN as a tree: each node's own share of the cost (or time) as a bar; the costliest nodes highlighted. */
export function PlanTree({ plan }: { plan: ExplainResult }) {
  const costly = new Set(plan.costliest);
  const selfSum = Math.round(plan.nodes.reduce((s, n) => s + (n.exclusive_ms ?? 0), 0) * 1000) / 1000;
  return (
    <div className="card" data-testid="plan-tree">
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>{plan.analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN'}</h2>
        <span className="spacer" />
        <span className="muted small" data-testid="plan-summary">
          total cost {plan.total_cost}
          {plan.planning_ms !== null && ` · planning ${plan.planning_ms} ms`}
          {plan.execution_ms !== null && ` · execution ${plan.execution_ms} ms`}
        </span>
        {plan.analyze && (
          <span className="muted small" data-testid="plan-time-check" title="Self times exclude children, so they add up to the top node's time; execution adds start-up, triggers and sending rows">
            self times add up to <span data-testid="plan-self-sum">{selfSum}</span> ms = top node {plan.nodes[0]?.actual_total_ms} ms
          </span>
        )}
      </div>
      <div className="plan-nodes">
        {plan.nodes.map((n) => <NodeRow key={n.id} node={n} costly={costly.has(n.id)} analyze={plan.analyze} />)}
      </div>
      <details className="small">
        <summary>Raw plan (JSON)</summary>
        <pre className="snippet">{JSON.stringify(plan.plan, null, 2)}</pre>
      </details>
    </div>
  );
}
