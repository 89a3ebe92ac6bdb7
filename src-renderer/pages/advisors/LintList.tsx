import type { Lint } from '../../data/advisors/types';

const LEVEL: Record<Lint['level'], string> = { ERROR: 'badge-bad', WARN: 'badge-warn', INFO: 'badge-muted' };

/** One row per lint: its level, what it found, where to read more, and a fix button when there is one. */
export function LintList({ lints, onFix }: { lints: Lint[]; onFix: (lint: Lint) => void }) {
  return (
    <table className="data" data-testid="lint-table">
      <thead><tr><th>Level</th><th>Lint</th><th>Finding</th><th /></tr></thead>
      <tbody>
        {lints.map((l) => (
          <tr key={l.cache_key} data-testid="lint-row" data-lint={l.name} data-object={String(l.metadata?.name ?? '')}>
            <td><span className={`badge ${LEVEL[l.level]}`}>{l.level}</span></td>
            <td><strong>{l.title}</strong><div className="muted mono">{l.name}</div></td>
            <td>{l.detail}<div><a href={l.remediation} target="_blank" rel="noreferrer" className="small">How to fix ↗</a></div></td>
            <td className="actions">
              {l.fix && <button type="button" className="btn btn-small btn-primary" onClick={() => onFix(l)} data-testid="lint-fix">Fix…</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
