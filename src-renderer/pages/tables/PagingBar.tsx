import type { BrowseResult } from '../../data/table-editor/types';

export interface PagingBarProps {
  result: BrowseResult | undefined;
  fetching: boolean;
  onFirst: () => void;
  onPrev: () => void;
  onNext: () => void;
  onLast: () => void;
  onExactCount: () => void;
  pending: number;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

export function PagingBar(p: PagingBarProps) {
  const r = p.result;
  return (
    <div className="toolbar paging-bar" data-testid="paging-bar">
      <button type="button" className="btn btn-small" onClick={p.onFirst} disabled={!r?.has_previous} data-testid="page-first">« First</button>
      <button type="button" className="btn btn-small" onClick={p.onPrev} disabled={!r?.has_previous} data-testid="page-prev">◀ Prev</button>
      <button type="button" className="btn btn-small" onClick={p.onNext} disabled={!r?.has_next} data-testid="page-next">Next ▶</button>
      <button type="button" className="btn btn-small" onClick={p.onLast} disabled={!r?.has_next || !r.keyset} data-testid="page-last">Last »</button>
      <span className="small muted" data-testid="row-count">
        {r ? (r.count === null ? 'count unknown' : `${r.count_exact ? '' : '≈ '}${r.count.toLocaleString()} rows`) : ''}
      </span>
      {r && !r.count_exact && <button type="button" className="link-btn small" onClick={p.onExactCount} data-testid="count-exact">exact count</button>}
      {p.fetching && <span className="small muted" data-testid="grid-loading">loading…</span>}
      <span className="spacer" />
      {p.pending > 0 && (
        <span className="row pending-bar" data-testid="pending-bar">
          <span className="badge badge-warn" data-testid="pending-count">{p.pending} pending change{p.pending === 1 ? '' : 's'}</span>
          <button type="button" className="btn btn-small" onClick={p.onDiscard} disabled={p.saving} data-testid="edits-discard">Discard</button>
          <button type="button" className="btn btn-small btn-primary" onClick={p.onSave} disabled={p.saving} data-testid="edits-save">{p.saving ? 'Saving…' : 'Save changes'}</button>
        </span>
      )}
    </div>
  );
}
