import { useState, type FormEvent } from 'react';
import type { CreateKeyInput } from '../../data/api-keys/api-key-create-mutation';
import type { KeyType } from '../../data/api-keys/types';
import { parseRateLimit } from './RateLimitCell';

export function CreateKeyForm({ onCreate, busy }: { onCreate: (input: CreateKeyInput) => void; busy: boolean }) {
  const [keyType, setKeyType] = useState<KeyType>('anon');
  const [label, setLabel] = useState('');
  const [rateLimit, setRateLimit] = useState('100');
  const limit = parseRateLimit(rateLimit);
  const valid = limit.valid && label.length <= 200;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    onCreate({ keyType, label: label.trim() || undefined, rate_limit: limit.value });
    setLabel('');
  };
  return (
    <form className="card" onSubmit={submit} data-testid="key-create-form">
      <h2>Create a key</h2>
      <div className="row">
        <label className="field">
          <span>Type</span>
          <select value={keyType} onChange={(e) => setKeyType(e.target.value as KeyType)} data-testid="key-create-type">
            <option value="anon">anon (respects RLS)</option>
            <option value="service_role">service_role (bypasses RLS)</option>
          </select>
        </label>
        <label className="field">
          <span>Label</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. staging web app" maxLength={200} data-testid="key-create-label" />
        </label>
        <label className="field">
          <span>Rate limit (requests/min)</span>
          <input type="number" min={1} max={100000} placeholder="no limit" value={rateLimit} onChange={(e) => setRateLimit(e.target.value)} data-testid="key-create-rate-limit" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="key-create-submit" style={{ alignSelf: 'flex-end', marginBottom: 8 }}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
      <p className="hint">Leave the rate limit empty for no limit (load tests).</p>
      {keyType === 'service_role' && <p className="hint">service_role keys bypass row level security: keep them on servers, never in a browser.</p>}
    </form>
  );
}
