/** The strip at the top of every page while a branch (not main) is being served. */
export function ActiveDatabaseBanner({ label, database, busy, onSwitchBack }: { label: string; database: string; busy: boolean; onSwitchBack: () => void }) {
  return (
    <div className="active-banner" role="status" data-testid="active-branch-banner">
      <span>
        Branch <strong data-testid="active-branch-label">{label}</strong> <code className="muted">{database}</code> is active — the API and this dashboard serve it, not main.
      </span>
      <button type="button" className="btn btn-small" disabled={busy} onClick={onSwitchBack} data-testid="switch-to-main">
        {busy ? 'Switching…' : 'Switch back to main'}
      </button>
    </div>
  );
}
