import type { DiffStatement } from '../../data/migrations/types';

/** The diff's statements in order; those that can lose data are marked with the reason. */
export function DiffStatements({ statements }: { statements: DiffStatement[] }) {
  return (
    <ol className="stack" style={{ paddingLeft: 18, maxHeight: '40vh', overflow: 'auto' }} data-testid="diff-statements">
      {statements.map((s, i) => (
        <li key={i} data-testid={s.destructive ? 'diff-destructive' : 'diff-statement'}>
          <pre className="snippet" style={s.destructive ? { borderLeft: '3px solid var(--bad)' } : undefined}>{s.sql}</pre>
          {s.destructive && <div className="text-bad small">⚠ {s.destructive}</div>}
        </li>
      ))}
    </ol>
  );
}
