import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSavedQueriesQuery } from '../../data/sql/saved-queries-query';
import { useSavedQueryCreateMutation, useSavedQueryDeleteMutation, useSavedQueryUpdateMutation } from '../../data/sql/saved-query-mutations';
import { useColumnsFetcher } from '../../data/sql/sql-columns-fetcher';
import { useSqlHistoryQuery } from '../../data/sql/sql-history-query';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import type { SavedQuery } from '../../data/sql/types';
import { useDebounced } from '../../lib/use-debounced';
import { PlanTree } from './PlanTree';
import { ResultsPanel } from './ResultsPanel';
import { SaveQueryDialog } from './SaveQueryDialog';
import { registerSqlCompletion, type CompletionSource } from './sql-completion';
import { formatSql } from './sql-format.utils';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { SqlErrorPanel } from './SqlErrorPanel';
import { SqlLibrary } from './SqlLibrary';
import { SqlToolbar } from './SqlToolbar';
import { useSqlConsole } from './use-sql-console';
import '../../components/studio/ui.css';
import './sql.css';

const DRAFT_KEY = 'trestle.sql.draft';

export default function SqlPage() {
  const editor = useRef<SqlEditorHandle>(null);
  const c = useSqlConsole(editor);
  const [tab, setTab] = useState<'saved' | 'history'>('saved');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const saved = useSavedQueriesQuery(tab === 'saved' ? debounced : '');
  const history = useSqlHistoryQuery(tab === 'history' ? debounced : '');
  const createSaved = useSavedQueryCreateMutation();
  const updateSaved = useSavedQueryUpdateMutation();
  const deleteSaved = useSavedQueryDeleteMutation();
  const [current, setCurrent] = useState<SavedQuery | null>(null);
  const [saving, setSaving] = useState(false);

  // Completion reads the catalog through a ref, so the provider is registered once.
  const tables = useSqlTablesQuery();
  const columns = useColumnsFetcher();
  const source = useRef<CompletionSource>({ catalog: undefined, columns });
  source.current = { catalog: tables.data, columns };
  useEffect(() => {
    const d = registerSqlCompletion(source);
    return () => d.dispose();
  }, []);

  const open = (sql: string, q?: SavedQuery) => {
    editor.current?.setValue(sql);
    setCurrent(q ?? null);
    editor.current?.focus();
  };

  const save = ({ name, tags, updateId }: { name: string; tags: string[]; updateId: string | null }) => {
    const sql = editor.current?.getValue() ?? '';
    const done = { onSuccess: (q: SavedQuery) => { setCurrent(q); setSaving(false); setTab('saved'); } };
    if (updateId) updateSaved.mutate({ id: updateId, name, tags, sql }, done);
    else createSaved.mutate({ name, tags, sql }, done);
  };

  const view = c.view;
  return (
    <section className="sql-page" data-testid="sql-page">
      <SqlLibrary tab={tab} onTab={setTab} search={search} onSearch={setSearch}
        saved={saved.data} history={history.data?.entries} onOpen={open} onDeleteSaved={(q) => deleteSaved.mutate(q.id)} />
      <div className="sql-main">
        <SqlToolbar running={c.running} cancelling={c.cancelling} rowLimit={c.rowLimit} timeoutSec={c.timeoutSec}
          onRowLimit={c.setRowLimit} onTimeout={c.setTimeoutSec} onRunAll={() => c.runSql('all')} onRunSelection={() => c.runSql('selection')}
          onExplain={c.explainSql} onFormat={() => editor.current?.format(formatSql)} onCancel={c.cancelRun} onSave={() => setSaving(true)} />
        {current && <div className="small muted" data-testid="sql-current-saved">Editing saved query <strong>{current.name}</strong></div>}
        <SqlEditor ref={editor} initialValue={localStorage.getItem(DRAFT_KEY) ?? 'select now();\n'} marker={c.marker}
          onChange={(sql) => localStorage.setItem(DRAFT_KEY, sql)} onRunAll={() => c.runSql('all')} onRunSelection={() => c.runSql('selection')} />
        <div className="sql-output" data-testid="sql-output">
          {c.running && <p className="muted" data-testid="sql-running">Running…</p>}
          {c.cancelError ? <ErrorNotice error={c.cancelError} testId="sql-cancel-error" /> : null}
          {!c.running && view?.kind === 'results' && <ResultsPanel run={view.run} />}
          {!c.running && view?.kind === 'plan' && <PlanTree plan={view.plan} />}
          {!c.running && view?.kind === 'error' && <SqlErrorPanel error={view.error} line={view.at?.line ?? null} column={view.at?.column ?? null} />}
        </div>
      </div>
      {c.confirm && (
        <ConfirmDialog title="Run destructive statements?" confirmLabel="Run anyway" danger onConfirm={c.confirmRun} onCancel={c.dismissConfirm} testId="sql-destructive-dialog">
          <p>This script contains statements that remove or change data:</p>
          <ul data-testid="sql-destructive-list">
            {c.confirm.destructive.map((d) => (
              <li key={d.index}><strong>Statement {d.index + 1}</strong>: {d.reason}<br /><code className="small">{d.statement.slice(0, 200)}</code></li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
      {saving && (
        <SaveQueryDialog initialName={current?.name ?? ''} initialTags={current?.tags ?? []} existing={current}
          busy={createSaved.isPending || updateSaved.isPending} error={createSaved.error ?? updateSaved.error}
          onSave={save} onCancel={() => { setSaving(false); createSaved.reset(); updateSaved.reset(); }} />
      )}
    </section>
  );
}
