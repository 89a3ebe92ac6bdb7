import { useState } from 'react';

/** A limit typed by the user: an empty field means no limit; otherwise 1–100000 requests per minute. */
export function parseRateLimit(draft: string): { valid: boolean; value: number | null } {
  if (draft.trim() === '') return { valid: true, value: null };
  const n = Number(draft);
  return { valid: Number.isInteger(n) && n >= 1 && n <= 100000, value: n };
}

export const formatRateLimit = (value: number | null) => (value === null ? 'no limit' : `${value.toLocaleString()}/min`);

/** The rate limit, edited in place: click, type (empty for no limit), Enter saves, Escape cancels. */
export function RateLimitCell({ value, disabled, onSave, testId }: { value: number | null; disabled: boolean; onSave: (n: number | null) => void; testId: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button type="button" className="link-btn" disabled={disabled} onClick={() => setDraft(value === null ? '' : String(value))} title="Edit the rate limit" data-testid={testId}>
        {formatRateLimit(value)}
      </button>
    );
  }
  const { valid, value: next } = parseRateLimit(draft);
  const save = () => {
    if (!valid) return;
    if (next !== value) onSave(next);
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
        placeholder="no limit"
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
