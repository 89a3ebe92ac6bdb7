import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTypesSettingsMutation, useTypesWriteMutation } from '../../data/types/types-mutations';
import type { TypesSettings } from '../../data/types/types';
import { formatTime } from '../../lib/format';

/** Where in the developer's repo the types are written, and whether every schema change rewrites them. */
export function TypesFileForm({ settings, schemas }: { settings: TypesSettings; schemas: string[] }) {
  const save = useTypesSettingsMutation();
  const write = useTypesWriteMutation();
  const [file, setFile] = useState(settings.file ?? '');
  const [onChange, setOnChange] = useState(settings.write_on_change);
  useEffect(() => {
    setFile(settings.file ?? '');
    setOnChange(settings.write_on_change);
  }, [settings.file, settings.write_on_change]);
  const last = settings.last_write;
  return (
    <form className="card stack" data-testid="types-file-form"
      onSubmit={(e) => { e.preventDefault(); save.mutate({ file: file.trim() || null, write_on_change: onChange, schemas }); }}>
      <h2>Write to a file</h2>
      <div className="fields">
        <label style={{ flex: 1 }}>
          File (absolute path)
          <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="/home/me/app/src/types/supabase.ts" data-testid="types-file-input" />
        </label>
        <label className="toggle">
          <input type="checkbox" checked={onChange} onChange={(e) => setOnChange(e.target.checked)} data-testid="types-watch-toggle" />
          Rewrite on every schema change
        </label>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="types-file-save">Save</button>
        <button type="button" className="btn" disabled={!settings.file || write.isPending} onClick={() => write.mutate()} data-testid="types-write-now">Write now</button>
      </div>
      {save.error ? <ErrorNotice error={save.error} testId="types-settings-error" /> : null}
      {write.error ? <ErrorNotice error={write.error} testId="types-write-error" /> : null}
      {settings.last_error && <div className="notice notice-error" data-testid="types-last-error">Last write failed: {settings.last_error}</div>}
      {last && (
        <p className="muted" data-testid="types-last-write">
          {last.changed ? 'Wrote' : 'Checked'} <code>{last.file}</code> ({(last.bytes / 1024).toFixed(1)} KB) at {formatTime(last.written_at)}{last.changed ? '' : ': already up to date'}.
        </p>
      )}
    </form>
  );
}
