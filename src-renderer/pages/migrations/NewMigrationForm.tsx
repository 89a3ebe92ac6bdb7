import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useMigrationApplyMutation } from '../../data/migrations/migration-mutations';

/** Applies a migration typed here: one transaction, recorded with its checksum. */
export function NewMigrationForm({ database }: { database: string }) {
  const apply = useMigrationApplyMutation();
  const [name, setName] = useState('');
  const [sql, setSql] = useState('');
  const submit = () => apply.mutate({ name: name.trim(), query: sql }, { onSuccess: (r) => { if (r.applied) { setName(''); setSql(''); } } });
  return (
    <form className="card stack" data-testid="new-migration" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2>New migration</h2>
      <p className="muted">Runs on <code>{database}</code> in one transaction and is recorded in its history (supabase_migrations.schema_migrations).</p>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="create_profiles" data-testid="new-migration-name" required />
      </label>
      <label>
        SQL
        <textarea className="mono" rows={6} value={sql} onChange={(e) => setSql(e.target.value)} data-testid="new-migration-sql" required />
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={apply.isPending || !name.trim() || !sql.trim()} data-testid="new-migration-apply">
          {apply.isPending ? 'Applying…' : 'Apply migration'}
        </button>
      </div>
      {apply.error ? <ErrorNotice error={apply.error} testId="new-migration-error" /> : null}
      {apply.data && (
        <div className="notice notice-ok" data-testid="new-migration-result">
          {apply.data.applied ? `Applied ${apply.data.name} as version ${apply.data.version}.` : `${apply.data.name} was already applied with this SQL: nothing ran.`}
        </div>
      )}
    </form>
  );
}
