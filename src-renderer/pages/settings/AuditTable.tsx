import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../data/audit/audit-logs-query';
import { formatTime } from '../../lib/format';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="data" data-testid="audit-table">
      <thead><tr><th>Time</th><th>Actor</th><th>Action</th><th>Resource</th><th>Request id</th></tr></thead>
      <tbody>
        {entries.map((e) => (
          <Fragment key={e.id}>
            <tr className={`selectable ${open === e.id ? 'selected' : ''}`} onClick={() => setOpen(open === e.id ? null : e.id)} data-testid="audit-row" data-action={e.action}>
              <td title={e.at}>{formatTime(e.at)}</td>
              <td className="mono" data-testid="audit-actor">{e.actor}</td>
              <td><code data-testid="audit-action">{e.action}</code></td>
              <td><span data-testid="audit-resource-type">{e.resource_type}</span>{e.resource_id && <span className="muted mono"> {e.resource_id}</span>}</td>
              <td className="mono muted">{e.request_id ?? '—'}</td>
            </tr>
            {open === e.id && (
              <tr data-testid="audit-detail-row">
                <td colSpan={5}><pre className="json" data-testid="audit-detail">{JSON.stringify(e.detail, null, 2)}</pre></td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
