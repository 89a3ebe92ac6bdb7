export interface SqlToolbarProps {
  running: boolean;
  cancelling: boolean;
  rowLimit: number;
  timeoutSec: number;
  onRowLimit: (n: number) => void;
  onTimeout: (s: number) => void;
  onRunAll: () => void;
  onRunSelection: () => void;
  onExplain: (analyze: boolean) => void;
  onFormat: () => void;
  onCancel: () => void;
  onSave: () => void;
}

const ROW_LIMITS = [100, 500, 1000, 5000, 10000];
const TIMEOUTS = [5, 10, 30, 60];

export function SqlToolbar(p: SqlToolbarProps) {
  return (
    <div className="toolbar sql-toolbar" data-testid="sql-toolbar">
      {p.running ? (
        <button type="button" className="btn btn-danger" onClick={p.onCancel} disabled={p.cancelling} data-testid="sql-cancel">
          {p.cancelling ? 'Cancelling…' : 'Cancel query'}
        </button>
      ) : (
        <button type="button" className="btn btn-primary" onClick={p.onRunAll} title="Ctrl/Cmd+Enter" data-testid="sql-run">Run all</button>
      )}
      <button type="button" className="btn" onClick={p.onRunSelection} disabled={p.running} title="Ctrl/Cmd+Shift+Enter" data-testid="sql-run-selection">Run selection</button>
      <button type="button" className="btn" onClick={() => p.onExplain(false)} disabled={p.running} data-testid="sql-explain">Explain</button>
      <button type="button" className="btn" onClick={() => p.onExplain(true)} disabled={p.running} data-testid="sql-explain-analyze">Explain analyze</button>
      <button type="button" className="btn" onClick={p.onFormat} data-testid="sql-format">Format</button>
      <button type="button" className="btn" onClick={p.onSave} data-testid="sql-save">Save…</button>
      <span className="spacer" />
      <label className="row small muted">
        Row limit
        <select value={p.rowLimit} onChange={(e) => p.onRowLimit(Number(e.target.value))} data-testid="sql-row-limit">
          {ROW_LIMITS.map((n) => <option key={n} value={n}>{n.toLocaleString()}</option>)}
        </select>
      </label>
      <label className="row small muted">
        Timeout
        <select value={p.timeoutSec} onChange={(e) => p.onTimeout(Number(e.target.value))} data-testid="sql-timeout">
          {TIMEOUTS.map((n) => <option key={n} value={n}>{n} s</option>)}
        </select>
      </label>
    </div>
  );
}
