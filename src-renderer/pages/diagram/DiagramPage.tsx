import { useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSqlErdQuery } from '../../data/sql/sql-erd-query';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import { navigate, useLocation } from '../../lib/router';
import { tablePath } from '../tables/table-path';
import { DiagramCanvas } from './DiagramCanvas';
import './diagram.css';

/** The schema diagram: tables, columns and foreign keys of one schema; pan by dragging, zoom with the wheel, click a table to open it. */
export default function DiagramPage() {
  const { pathname, search } = useLocation();
  const schema = search.get('schema') ?? 'public';
  const schemas = useSqlTablesQuery().data?.schemas ?? [{ name: 'public', exposed: true }];
  const erd = useSqlErdQuery(schema);
  const canvas = useRef<{ fit: () => void; zoom: (f: number) => void }>(null);
  const [hover, setHover] = useState<string | null>(null);
  return (
    <section className="diagram-page" data-testid="diagram-page">
      <div className="toolbar diagram-toolbar">
        <h1 style={{ margin: 0, fontSize: 18 }}>Schema diagram</h1>
        <select value={schema} onChange={(e) => navigate(`${pathname}?schema=${encodeURIComponent(e.target.value)}`, { replace: true })} data-testid="diagram-schema">
          {schemas.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
        </select>
        <span className="muted small">{erd.data ? `${erd.data.tables.length} tables · ${erd.data.edges.length} foreign keys` : ''}</span>
        <span className="spacer" />
        <span className="muted small">{hover ?? 'Drag to pan, wheel to zoom, click a table to open it'}</span>
        <button type="button" className="btn btn-small" onClick={() => canvas.current?.zoom(1 / 1.2)} data-testid="diagram-zoom-out">−</button>
        <button type="button" className="btn btn-small" onClick={() => canvas.current?.zoom(1.2)} data-testid="diagram-zoom-in">+</button>
        <button type="button" className="btn btn-small" onClick={() => canvas.current?.fit()} data-testid="diagram-fit">Fit</button>
      </div>
      {erd.error && <ErrorNotice error={erd.error} />}
      {erd.data && erd.data.tables.length === 0 && <p className="muted" data-testid="diagram-empty">No tables in {schema}.</p>}
      {erd.data && erd.data.tables.length > 0 && (
        <DiagramCanvas ref={canvas} erd={erd.data} onOpen={(t) => navigate(tablePath(t.schema, t.name))} onHover={setHover} />
      )}
    </section>
  );
}
