// A dependency-free SVG bar chart: one bar per item, the `part` share (e.g. errors) drawn in red at its foot.
export interface Bar {
  label: string;
  value: number;
  part?: number;
  title?: string;
}

const W = 720;
const H = 180;
const PAD = { top: 12, right: 8, bottom: 22, left: 44 };

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= n) ?? n;
}

export function BarChart({ bars, testId = 'bar-chart', ariaLabel }: { bars: Bar[]; testId?: string; ariaLabel: string }) {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = bars.length ? innerW / bars.length : innerW;
  const barW = Math.max(1, step * 0.72);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.max(1, Math.ceil(bars.length / 10));
  return (
    <svg className="bar-chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={ariaLabel} data-testid={testId}>
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(max * t)} y2={y(max * t)} stroke="var(--border)" />
          <text x={PAD.left - 6} y={y(max * t) + 3} textAnchor="end">{Math.round(max * t).toLocaleString()}</text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = PAD.left + i * step + (step - barW) / 2;
        const part = Math.min(b.part ?? 0, b.value);
        return (
          <g key={b.label} data-testid={`${testId}-bar`} data-label={b.label} data-value={b.value}>
            <title>{b.title ?? `${b.label}: ${b.value}`}</title>
            <rect className="bar" x={x} width={barW} y={y(b.value)} height={y(0) - y(b.value)} />
            {part > 0 && <rect className="bar-errors" x={x} width={barW} y={y(part)} height={y(0) - y(part)} />}
            {i % labelEvery === 0 && <text x={x + barW / 2} y={H - 6} textAnchor="middle">{b.label}</text>}
          </g>
        );
      })}
    </svg>
  );
}
