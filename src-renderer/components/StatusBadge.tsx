export function StatusBadge({ ok, text, testId }: { ok: boolean; text: string; testId?: string }) {
  return (
    <span className={`badge ${ok ? 'badge-ok' : 'badge-bad'}`} data-testid={testId}>
      {text}
    </span>
  );
}
