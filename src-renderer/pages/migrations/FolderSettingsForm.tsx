import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useMigrationSettingsMutation } from '../../data/migrations/migration-mutations';
import type { MigrationsOverview } from '../../data/migrations/types';

/** Where the developer's migrations folder (supabase/migrations) and seed file are. */
export function FolderSettingsForm({ settings }: { settings: MigrationsOverview['settings'] }) {
  const save = useMigrationSettingsMutation();
  const [dir, setDir] = useState(settings.migrations_dir ?? '');
  const [seed, setSeed] = useState(settings.seed_file ?? '');
  useEffect(() => {
    setDir(settings.migrations_dir ?? '');
    setSeed(settings.seed_file ?? '');
  }, [settings.migrations_dir, settings.seed_file]);
  return (
    <form className="card stack" data-testid="migrations-settings"
      onSubmit={(e) => { e.preventDefault(); save.mutate({ migrations_dir: dir.trim() || null, seed_file: seed.trim() || null }); }}>
      <h2>Project folder</h2>
      <div className="fields">
        <label style={{ flex: 2 }}>
          Migrations folder (absolute path, files named <code>&lt;version&gt;_&lt;name&gt;.sql</code>)
          <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/home/me/app/supabase/migrations" data-testid="migrations-dir-input" />
        </label>
        <label style={{ flex: 1 }}>
          Seed file (optional)
          <input value={seed} onChange={(e) => setSeed(e.target.value)} placeholder={settings.seed_path ?? 'seed.sql beside the folder'} data-testid="seed-file-input" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="migrations-settings-save">Save</button>
      </div>
      {save.error ? <ErrorNotice error={save.error} testId="migrations-settings-error" /> : null}
      {settings.seed_path && <p className="muted small">Seeds run from <code>{settings.seed_path}</code> (Branches → Seed).</p>}
    </form>
  );
}
