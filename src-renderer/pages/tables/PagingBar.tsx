import { useState } from 'react';
import type { BrowseResult } from '../../data/table-editor/types';
import { PAGE_SIZES } from './view-url.utils';

export interface PagingBarProps {
  result: BrowseResult | undefined;
  fetching: boolean;
  onFirst: () => void;
  onPrev: () => void;
  onNext: () => void;
  onLast: () => void;
  onExactCount: () => void;
  size: number;
  onSize: (n: number) => void;
  onGoToRow: (n: number) => void;
  pending: number;
  saving: boolean;
  /** Saving waits for something (a confirmation shown elsewhere). */
  saveBlocked?: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

function GoToRow({ onGo }: { onGo: (n: number) => void }) {
  const [text, setText] = useState('');
  const n = Number(text);
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); if (Number.isInteger(n) && n > 0) onGo(n); }}>
      <input className="input-small" style={{ width: 90 }} placeholder="go to row…" value={text} onChange={(e) => setText(e.target.value.replace(/[^\d]/g, ''))} data-testid="goto-row-input" />
      <button type="submit" className="btn btn-small" disabled={!(n > 0)} data-testid="goto-row">Go</button>
    </form>
  );
}

export function PagingBar(p: PagingBarProps) {
  // While a page loads, the rows (and cursors) shown are the previous ones: moving on from them would skip rows.
  const r = p.fetching ? undefined : p.result;
  const shown = p.result;
  const first = shown && shown.rows.length ? shown.offset + 1 : 0;
  return (
    <div className="toolbar paging-bar" data-testid="paging-bar">
      <button type="button" className="btn btn-small" onClick={p.onFirst} disabled={!r?.has_previous} data-testid="page-first">« First</button>
      <button type="button" className="btn btn-small" onClick={p.onPrev} disabled={!r?.has_previous} data-testid="page-prev">◀ Prev</button>
      <button type="button" className="btn btn-small" onClick={p.onNext} disabled={!r?.has_next} data-testid="page-next">Next ▶</button>
      <button type="button" className="btn btn-small" onClick={p.onLast} disabled={!r?.has_next || !r.keyset} data-testid="page-last">Last »</button>
      <select value={p.size} onChange={(e) => p.onSize(Number(e.target.value))} data-testid="page-size" title="Rows per page">
        {PAGE_SIZES.map((n) => <option key={n} value={n}>{n} / page</option>)}
      </select>
      <GoToRow onGo={p.onGoToRow} />
      <span className="small muted" data-testid="row-count">
        {shown ? (shown.count === null ? 'count unknown' : `${shown.count_exact ? '' : '≈ '}${shown.count.toLocaleString()} rows`) : ''}
      </span>
      {shown && shown.offset > 0 && <span className="small muted" data-testid="page-position">from row {first.toLocaleString()}</span>}
      {shown && !shown.count_exact && <button type="button" className="link-btn small" onClick={p.onExactCount} data-testid="count-exact">exact count</button>}
      {p.fetching && <span className="small muted" data-testid="grid-loading">loading…</span>}
      <span className="spacer" />
      {p.pending > 0 && (
        <span className="row pending-bar" data-testid="pending-bar">
          <span className="badge badge-warn" data-testid="pending-count">{p.pending} pending change{p.pending === 1 ? '' : 's'}</span>
          <button type="button" className="btn btn-small" onClick={p.onDiscard} disabled={p.saving} data-testid="edits-discard">Discard</button>
          <button type="button" className="btn btn-small btn-primary" onClick={p.onSave} disabled={p.saving || p.saveBlocked} data-testid="edits-save">{p.saving ? 'Saving…' : 'Save changes'}</button>
        </span>
      )}
    </div>
  );
}
