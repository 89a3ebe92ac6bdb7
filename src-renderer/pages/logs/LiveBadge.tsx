export function LiveBadge({ connected, paused, onPause }: { connected: boolean; paused: boolean; onPause: (p: boolean) => void }) {
  return (
    <span className="row small">
      <span className={`badge ${paused ? 'badge-muted' : connected ? 'badge-ok' : 'badge-warn'}`} data-testid="log-live">{paused ? 'paused' : connected ? 'live' : 'connecting…'}</span>
      <button type="button" className="btn btn-small" onClick={() => onPause(!paused)} data-testid="log-pause">{paused ? 'Resume' : 'Pause'}</button>
    </span>
  );
}
