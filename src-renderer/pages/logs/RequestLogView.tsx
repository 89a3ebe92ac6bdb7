import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useRequestLog } from '../../data/logs/request-log-query';
import { LiveBadge } from './LiveBadge';
import { matches, type RequestFilter, type StatusFilter } from './request-filter.utils';

const STATUSES: StatusFilter[] = ['all', 'errors', '2xx', '3xx', '4xx', '5xx'];
const statusClass = (s: number) => (s >= 500 ? 'badge-bad' : s >= 400 ? 'badge-warn' : 'badge-ok');

export function RequestLogView() {
  const [includeDashboard, setIncludeDashboard] = useState(false);
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState<RequestFilter>({ status: 'all', path: '', key: '' });
  const log = useRequestLog(includeDashboard, paused);
  const keys = [...new Set(log.entries.map((e) => e.key_prefix).filter((k): k is string => k !== null))].sort();
  const shown = log.entries.filter((e) => matches(e, filter)).reverse();
  return (
    <div data-testid="request-log">
      <div className="toolbar">
        <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as StatusFilter })} data-testid="request-log-status">
          {STATUSES.map((s) => <option key={s} value={s}>{s === 'all' ? 'any status' : s}</option>)}
        </select>
        <input className="input-small" placeholder="path contains…" value={filter.path} onChange={(e) => setFilter({ ...filter, path: e.target.value })} data-testid="request-log-path" />
        <select value={filter.key} onChange={(e) => setFilter({ ...filter, key: e.target.value })} data-testid="request-log-key">
          <option value="">any key</option><option value="none">no key</option>
          {keys.map((k) => <option key={k} value={k}>{k}…</option>)}
        </select>
        <label className="row small"><input type="checkbox" checked={includeDashboard} onChange={(e) => setIncludeDashboard(e.target.checked)} data-testid="request-log-dashboard" /> show the dashboard's own requests</label>
        <span className="spacer" />
        <LiveBadge connected={log.connected} paused={paused} onPause={setPaused} />
      </div>
      {log.error && <ErrorNotice error={log.error} />}
      <p className="small muted">The last 1,000 requests to the API (kept in memory, gone at restart). Paths are shown without their query string.</p>
      <table className="data small log-table">
        <thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>Duration</th><th>Key</th><th>Role</th></tr></thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id} data-testid="request-log-row" data-status={e.status} data-path={e.path} data-source={e.source}>
              <td className="mono">{new Date(e.at).toLocaleTimeString()}</td><td className="mono">{e.method}</td>
              <td className="mono log-path" title={e.request_id}>{e.path}</td>
              <td><span className={`badge ${statusClass(e.status)}`}>{e.status}</span></td>
              <td className="mono">{e.duration_ms.toFixed(1)} ms</td><td className="mono">{e.key_prefix ?? '—'}</td><td>{e.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!log.loading && shown.length === 0 && <p className="muted" data-testid="request-log-empty">No requests{log.entries.length ? ' match the filter' : ' yet'}.</p>}
    </div>
  );
}
