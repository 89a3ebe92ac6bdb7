import { useState, type FormEvent } from 'react';

/** Label (≤ 60 characters, optional) and time to live in hours (0 = keep until deleted). */
export function CreateBranchForm({ parent, busy, onCreate }: { parent: string; busy: boolean; onCreate: (input: { label?: string; ttlHours: number }) => void }) {
  const [label, setLabel] = useState('');
  const [ttl, setTtl] = useState('24');
  const ttlHours = Number(ttl);
  const valid = Number.isInteger(ttlHours) && ttlHours >= 0 && ttlHours <= 87_600 && label.length <= 60;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy) return;
    onCreate({ label: label.trim() || undefined, ttlHours });
  };
  return (
    <form className="card form-row" onSubmit={submit} data-testid="branch-create-form">
      <h2>New branch</h2>
      <p className="muted">A full copy of <code>{parent}</code> (the active database), made from it as a template.</p>
      <div className="fields">
        <label>Label
          <input value={label} maxLength={60} placeholder="e.g. try-migration" onChange={(e) => setLabel(e.target.value)} data-testid="branch-label-input" />
        </label>
        <label>Time to live (hours, 0 = never expires)
          <input type="number" min={0} max={87600} value={ttl} onChange={(e) => setTtl(e.target.value)} data-testid="branch-ttl-input" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="branch-create-button">
          {busy ? 'Creating…' : 'Create branch'}
        </button>
      </div>
    </form>
  );
}
