export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <div className="pager" data-testid="pager">
      <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))} data-testid="pager-prev">← Newer</button>
      <span data-testid="pager-range">{from}–{to} of {total}</span>
      <button type="button" className="btn btn-small" disabled={to >= total} onClick={() => onOffset(offset + limit)} data-testid="pager-next">Older →</button>
    </div>
  );
}
