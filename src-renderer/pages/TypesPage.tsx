import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useModuleState } from '../data/modules/module-state';
import { useTypesQuery, useTypesSettingsQuery } from '../data/types/types-query';
import { useDebounced } from '../lib/use-debounced';
import { TypesFileForm } from './types/TypesFileForm';

/** The Database type for supabase-js (what `supabase gen types typescript` prints), with copy and write-to-file. */
export function TypesPage() {
  const module = useModuleState('types');
  const settings = useTypesSettingsQuery();
  const [schemas, setSchemas] = useState<string | null>(null);
  const current = schemas ?? settings.data?.schemas.join(',') ?? 'public';
  const debounced = useDebounced(current, 300);
  const types = useTypesQuery(debounced);
  const list = current.split(',').map((s) => s.trim()).filter(Boolean);
  return (
    <ModuleGate title="TypeScript types" module={module} error={types.error ?? settings.error}>
      <section className="page" data-testid="types-page">
        <h1>TypeScript types</h1>
        <p className="muted">
          Use it as <code>createClient&lt;Database&gt;(url, key)</code> so queries, inserts and RPC calls are type-checked against your schema.
        </p>
        <div className="card">
          <div className="fields">
            <label style={{ flex: 1 }}>
              Schemas (comma-separated)
              <input value={current} onChange={(e) => setSchemas(e.target.value)} data-testid="types-schemas-input" />
            </label>
            {types.data && <CopyButton value={types.data.types} label="Copy types" testId="types-copy" />}
          </div>
        </div>
        {settings.data && <TypesFileForm settings={settings.data} schemas={list} />}
        {types.error ? <ErrorNotice error={types.error} /> : null}
        <pre className="snippet" style={{ maxHeight: '60vh', overflow: 'auto' }} data-testid="types-output">{types.data?.types ?? 'Generating…'}</pre>
      </section>
    </ModuleGate>
  );
}
