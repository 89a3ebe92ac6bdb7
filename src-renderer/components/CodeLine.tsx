import { CopyButton } from './CopyButton';

/** A labelled value with a copy button: one line, or a multi-line snippet (`block`). */
export function CodeLine({ label, value, testId, block, className }: { label: string; value: string; testId: string; block?: boolean; className?: string }) {
  return (
    <div className="code-line">
      <span className="code-label">{label}</span>
      {block ? <pre className={`snippet ${className ?? ''}`.trim()} data-testid={testId}>{value}</pre> : <code className={className} data-testid={testId}>{value}</code>}
      <CopyButton value={value} testId={`${testId}-copy`} />
    </div>
  );
}
