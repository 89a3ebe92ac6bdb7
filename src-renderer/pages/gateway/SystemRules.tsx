import { useState } from 'react';
import type { GatewayRule } from '../../data/gateway/types';
import { authenticateText, authorizeText, methodsText } from './rule-text';

/** Every route's built-in access, derived from the server's route table (read-only). */
export function SystemRules({ rules }: { rules: GatewayRule[] }) {
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const shown = f ? rules.filter((r) => r.match.path.toLowerCase().includes(f) || r.route?.access.join(' ').includes(f)) : rules;
  return (
    <details className="card" data-testid="system-rules">
      <summary><strong>System rules</strong> <span className="muted">— {rules.length} routes with their built-in access; user rules above can only restrict client-facing ones</span></summary>
      <div className="toolbar" style={{ marginTop: 10 }}>
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by path or access (client, public…)" data-testid="system-rules-filter" />
        <span className="muted small">{shown.length} shown</span>
      </div>
      <table className="data">
        <thead><tr><th>Route</th><th>Methods</th><th>Accepts</th><th>Then</th><th>Who</th></tr></thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id} data-testid="system-rule-row" data-rule-id={r.id}>
              <td><code>{r.route?.url}</code></td>
              <td className="small">{methodsText(r)}</td>
              <td className="small">{authenticateText(r)}</td>
              <td><span className="badge badge-muted">{authorizeText(r.authorize)}</span></td>
              <td className="small muted">{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
