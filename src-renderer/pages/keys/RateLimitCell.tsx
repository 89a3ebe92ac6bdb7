import { useState } from 'react';

/** The rate limit, edited in place: click, type, Enter saves, Escape cancels. */
export function RateLimitCell({ value, disabled, onSave, testId }: { value: number; disabled: boolean; onSave: (n: number) => void; testId: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button type="button" className="link-btn" disabled={disabled} onClick={() => setDraft(String(value))} title="Edit the rate limit" data-testid={testId}>
        {value.toLocaleString()}/min
      </button>
    );
  }
  const n = Number(draft);
  const valid = Number.isInteger(n) && n >= 1 && n <= 100000;
  const save = () => {
    if (!valid) return;
    if (n !== value) onSave(n);
    setDraft(null);
  };
  return (
    <span className="row">
      <input
        autoFocus
        type="number"
        className="input-small"
        style={{ width: 90 }}
        min={1}
        max={100000}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') setDraft(null);
        }}
        aria-invalid={!valid}
        data-testid={`${testId}-input`}
      />
      <button type="button" className="btn btn-small" disabled={!valid} onClick={save} data-testid={`${testId}-save`}>Save</button>
      <button type="button" className="btn btn-small" onClick={() => setDraft(null)}>Cancel</button>
    </span>
  );
}
