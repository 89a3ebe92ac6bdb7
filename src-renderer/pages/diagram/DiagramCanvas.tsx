import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { Erd, ErdTable } from '../../data/sql/types';
import { HEADER, layout, ROW } from './diagram-layout.utils';

interface View { x: number; y: number; scale: number }

const curve = (a: { x: number; y: number }, b: { x: number; y: number }, self: boolean) => {
  if (self) return `M ${a.x} ${a.y} C ${a.x + 60} ${a.y}, ${b.x + 60} ${b.y}, ${b.x} ${b.y}`;
  const dx = Math.max(40, Math.abs(b.x - a.x) / 2);
  const dir = b.x < a.x ? -1 : 1;
  return `M ${a.x} ${a.y} C ${a.x + dir * dx} ${a.y}, ${b.x - dir * dx} ${b.y}, ${b.x} ${b.y}`;
};

export const DiagramCanvas = forwardRef<{ fit: () => void; zoom: (f: number) => void }, { erd: Erd; onOpen: (t: ErdTable) => void; onHover: (text: string | null) => void }>(
  function DiagramCanvas({ erd, onOpen, onHover }, ref) {
    const laid = useMemo(() => layout(erd), [erd]);
    const host = useRef<HTMLDivElement>(null);
    const [view, setView] = useState<View>({ x: 20, y: 20, scale: 1 });
    const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

    const fit = () => {
      const box = host.current?.getBoundingClientRect();
      if (!box) return;
      const scale = Math.min(1.5, Math.max(0.2, Math.min((box.width - 40) / Math.max(1, laid.width), (box.height - 40) / Math.max(1, laid.height))));
      setView({ x: 20, y: 20, scale });
    };
    const zoomAt = (factor: number, cx: number, cy: number) => setView((v) => {
      const scale = Math.min(3, Math.max(0.15, v.scale * factor));
      const k = scale / v.scale;
      return { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k };
    });
    useImperativeHandle(ref, () => ({
      fit,
      zoom: (f) => {
        const box = host.current?.getBoundingClientRect();
        zoomAt(f, (box?.width ?? 0) / 2, (box?.height ?? 0) / 2);
      },
    }));
    useEffect(fit, [laid]);
    useEffect(() => {
      // A non-passive listener, so the wheel zooms the diagram instead of scrolling the page.
      const el = host.current;
      if (!el) return;
      const onWheel = (e: WheelEvent) => {
        e.preventDefault();
        const box = el.getBoundingClientRect();
        zoomAt(e.deltaY < 0 ? 1.1 : 1 / 1.1, e.clientX - box.left, e.clientY - box.top);
      };
      el.addEventListener('wheel', onWheel, { passive: false });
      return () => el.removeEventListener('wheel', onWheel);
    }, []);

    return (
      <div ref={host} className="diagram-canvas" data-testid="diagram-canvas" data-scale={view.scale.toFixed(2)}
        onMouseDown={(e) => { drag.current = { x: e.clientX, y: e.clientY, moved: false }; }}
        onMouseMove={(e) => {
          const d = drag.current;
          if (!d) return;
          const dx = e.clientX - d.x;
          const dy = e.clientY - d.y;
          if (Math.abs(dx) + Math.abs(dy) > 2) d.moved = true;
          drag.current = { x: e.clientX, y: e.clientY, moved: d.moved };
          setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
        }}
        onMouseUp={() => setTimeout(() => (drag.current = null))} onMouseLeave={() => (drag.current = null)}>
        <svg width="100%" height="100%">
          <defs>
            <marker id="fk-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" className="diagram-arrow" /></marker>
          </defs>
          <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
            {laid.lines.map((l) => (
              <path key={l.name} d={curve(l.from, l.to, l.self)} className="diagram-edge" markerEnd="url(#fk-arrow)" data-testid="diagram-edge" data-name={l.name}>
                <title>{l.name}</title>
              </path>
            ))}
            {laid.boxes.map((b) => (
              <g key={b.key} transform={`translate(${b.x} ${b.y})`} className="diagram-table" data-testid="diagram-table" data-table={b.table.name}
                onClick={() => { if (!drag.current?.moved) onOpen(b.table); }}
                onMouseEnter={() => onHover(`${b.key} · ${b.table.kind} · ${b.table.columns.length} columns — click to open`)} onMouseLeave={() => onHover(null)}>
                <rect width={b.width} height={b.height} rx="6" className="diagram-box" />
                <rect width={b.width} height={HEADER} rx="6" className="diagram-head" />
                <text x="10" y="20" className="diagram-title">{b.table.name}{b.table.kind !== 'table' ? ` (${b.table.kind.replace('_', ' ')})` : ''}</text>
                {b.shown.map((c, i) => (
                  <g key={c.name} transform={`translate(0 ${HEADER + i * ROW})`}>
                    <text x="10" y="14" className={`diagram-col ${c.is_pk ? 'diagram-pk' : ''}`}>{c.is_pk && <tspan className="diagram-pk-mark">PK </tspan>}{c.name}</text>
                    <text x={b.width - 10} y="14" textAnchor="end" className="diagram-type">{c.type.length > 22 ? c.type.slice(0, 21) + '…' : c.type}{c.nullable ? '' : ' !'}</text>
                  </g>
                ))}
                {b.hidden > 0 && <text x="10" y={HEADER + b.shown.length * ROW + 14} className="diagram-type">+{b.hidden} more columns</text>}
              </g>
            ))}
          </g>
        </svg>
      </div>
    );
  },
);
