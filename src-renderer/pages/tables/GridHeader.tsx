import type { SortTerm } from '../../data/table-editor/types';
import type { GridColumn } from './grid-types';

function Resizer({ column, onResize }: { column: GridColumn; onResize: (c: string, w: number) => void }) {
  const down = (e: React.MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startW = column.width;
    const move = (ev: MouseEvent) => onResize(column.name, Math.max(60, startW + ev.clientX - startX));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  return <span className="col-resizer" onMouseDown={down} data-testid="column-resize" />;
}

/** Column headers: click sorts, Shift+click adds a sort key, the right edge resizes. */
export function GridHeader({ columns, sort, onSort, onResize, width }: { columns: GridColumn[]; sort: SortTerm[]; onSort: (c: string, additive: boolean) => void; onResize: (c: string, w: number) => void; width: number }) {
  return (
    <div className="tg-row tg-head" style={{ width }} data-testid="grid-header">
      <div className="tg-cell tg-select" />
      {columns.map((c) => {
        const i = sort.findIndex((s) => s.column === c.name);
        const s = sort[i];
        return (
          <div key={c.name} className="tg-cell tg-hcell" style={{ width: c.width }} data-testid="column-header" data-column={c.name}
            onClick={(e) => onSort(c.name, e.shiftKey)} title={`${c.type}${c.nullable ? '' : ' not null'}${c.fk ? ` → ${c.fk.table}.${c.fk.column}` : ''} — click to sort, Shift+click to add`}>
            <span className="tg-hname">{c.isPk && <span className="badge badge-info" title="primary key">PK</span>} {c.name}</span>
            <span className="muted small tg-htype">{c.type}</span>
            {s && <span className="tg-sort" data-testid="column-sort">{s.direction === 'asc' ? '▲' : '▼'}{sort.length > 1 ? i + 1 : ''}</span>}
            <Resizer column={c} onResize={onResize} />
          </div>
        );
      })}
    </div>
  );
}
