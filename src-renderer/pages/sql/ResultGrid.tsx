import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConsoleResult } from '../../data/sql/types';
import { cellText } from './sql-export.utils';

const ROW_HEIGHT = 26;
const COL_WIDTH = 160;

/** One result set in a virtualized grid (results are capped by the row limit, up to 10,000 rows). */
export function ResultGrid({ result, testId }: { result: ConsoleResult; testId: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: result.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const width = Math.max(1, result.columns.length) * COL_WIDTH + 50;
  const height = Math.min(320, (result.rows.length + 1) * ROW_HEIGHT + 4);
  return (
    <div ref={scroller} className="result-grid" style={{ height }} data-testid={testId} role="grid" aria-rowcount={result.rows.length}>
      <div style={{ width, position: 'relative' }}>
        <div className="rg-row rg-head" style={{ width }}>
          <div className="rg-cell rg-num">#</div>
          {result.columns.map((c) => (
            <div key={c.name} className="rg-cell" style={{ width: COL_WIDTH }} title={c.typeName ?? ''} data-testid="result-column">
              {c.name} <span className="muted small">{c.typeName ?? ''}</span>
            </div>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = result.rows[item.index];
            return (
              <div key={item.index} className="rg-row" data-testid="result-row" style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, width }}>
                <div className="rg-cell rg-num">{item.index + 1}</div>
                {result.columns.map((c) => {
                  const text = cellText(row[c.name]);
                  return (
                    <div key={c.name} className={`rg-cell ${text === null ? 'rg-null' : ''}`} style={{ width: COL_WIDTH }} title={text ?? 'NULL'} data-testid="result-cell">
                      {text === null ? 'NULL' : text.length > 300 ? text.slice(0, 300) + '…' : text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
