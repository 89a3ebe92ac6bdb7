import { useState } from 'react';
import { BarChart } from '../../components/BarChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ModuleGate } from '../../components/ModuleGate';
import { useMetricsQuery, type Counts } from '../../data/metrics/metrics-query';
import { useModuleState } from '../../data/modules/module-state';
import { formatBytes, formatPercent } from '../../lib/format';
import { EndpointTable, KeyTable } from './UsageTables';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return <div className="stat"><div className="value" data-testid={testId}>{value}</div><div className="label">{label}</div></div>;
}

function Totals({ totals, days }: { totals: Counts; days: number }) {
  return (
    <div className="stat-grid" data-testid="usage-totals">
      <Stat label={`Requests (${days} days)`} value={totals.requests.toLocaleString()} testId="usage-total-requests" />
      <Stat label="Errors (≥ 400)" value={totals.errors.toLocaleString()} testId="usage-total-errors" />
      <Stat label="Error rate" value={formatPercent(totals.error_rate)} testId="usage-error-rate" />
      <Stat label="Server errors (5xx)" value={totals.server_errors.toLocaleString()} testId="usage-server-errors" />
      <Stat label="Bandwidth" value={formatBytes(totals.bandwidth_bytes)} testId="usage-bandwidth" />
    </div>
  );
}

export function UsageTab() {
  const module = useModuleState('metrics');
  const [days, setDays] = useState(30);
  const [includeDashboard, setIncludeDashboard] = useState(false);
  const metrics = useMetricsQuery(days, includeDashboard);
  const m = metrics.data;
  return (
    <ModuleGate title="Usage metrics" module={module} error={metrics.error} inline>
      <div data-testid="usage-tab">
        <div className="fields" style={{ marginBottom: 12 }}>
          <label>Period
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="usage-days">
              {[7, 30, 90].map((d) => <option key={d} value={d}>Last {d} days</option>)}
            </select>
          </label>
          <label className="row small" title="The dashboard polls the API while it is open; those requests are left out unless this is on">
            <input type="checkbox" checked={includeDashboard} onChange={(e) => setIncludeDashboard(e.target.checked)} data-testid="usage-include-dashboard" /> count the dashboard's own requests
          </label>
        </div>
        {metrics.error && <ErrorNotice error={metrics.error} />}
        {m && (
          <>
            <Totals totals={m.totals} days={days} />
            <div className="card">
              <h2>Requests per day <span className="muted">(errors in red)</span></h2>
              <BarChart ariaLabel="Requests per day" testId="usage-chart"
                bars={m.daily.map((d) => ({ label: d.day.slice(5), value: d.requests, part: d.errors, title: `${d.day}: ${d.requests} requests, ${d.errors} errors` }))} />
            </div>
            <div className="card">
              <h2>Top endpoints</h2>
              <EndpointTable endpoints={m.endpoints} />
            </div>
            <div className="card">
              <h2>Per key</h2>
              <KeyTable keys={m.by_key} />
            </div>
          </>
        )}
      </div>
    </ModuleGate>
  );
}
