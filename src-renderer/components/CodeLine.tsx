import { CopyButton } from './CopyButton';

export function CodeLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="code-line">
      <span className="code-label">{label}</span>
      <code data-testid={testId}>{value}</code>
      <CopyButton value={value} testId={`${testId}-copy`} />
    </div>
  );
}
