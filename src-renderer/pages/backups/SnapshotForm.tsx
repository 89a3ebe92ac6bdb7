import { useState, type FormEvent } from 'react';

export function SnapshotForm({ database, busy, onSnapshot }: { database: string | undefined; busy: boolean; onSnapshot: (label?: string) => void }) {
  const [label, setLabel] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSnapshot(label.trim() || undefined);
  };
  return (
    <form className="card" onSubmit={submit} data-testid="snapshot-form">
      <h2>Take a snapshot</h2>
      <p className="muted">A copy of {database ? <code>{database}</code> : 'the active database'} kept as a template database nobody connects to.</p>
      <div className="fields">
        <label>Label (optional)
          <input value={label} maxLength={200} placeholder="before-migration" onChange={(e) => setLabel(e.target.value)} data-testid="snapshot-label-input" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="snapshot-button">{busy ? 'Taking snapshot…' : 'Take snapshot'}</button>
      </div>
    </form>
  );
}
