import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSavedQueriesQuery } from '../../data/sql/saved-queries-query';
import { useSavedQueryCreateMutation, useSavedQueryDeleteMutation, useSavedQueryUpdateMutation } from '../../data/sql/saved-query-mutations';
import { useColumnsFetcher } from '../../data/sql/sql-columns-fetcher';
import { useSqlHistoryQuery } from '../../data/sql/sql-history-query';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import type { SavedQuery } from '../../data/sql/types';
import { useNavigationGuard } from '../../lib/router';
import { useDebounced } from '../../lib/use-debounced';
import { PlanTree } from './PlanTree';
import { ResultsPanel } from './ResultsPanel';
import { SaveQueryDialog } from './SaveQueryDialog';
import { monaco, SQL_LANGUAGE } from './monaco';
import { registerSqlCompletion, type CompletionSource } from './sql-completion';
import { formatSql } from './sql-format.utils';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { SqlErrorPanel } from './SqlErrorPanel';
import { SqlLibrary } from './SqlLibrary';
import { SqlTabs } from './SqlTabs';
import { SqlToolbar } from './SqlToolbar';
import { useSplit } from './use-split';
import { useSqlConsole } from './use-sql-console';
import { isUnsaved, useSqlTabs, type SqlTab } from './use-sql-tabs';
import '../../components/studio/ui.css';
import './sql.css';

export default function SqlPage() {
  const editor = useRef<SqlEditorHandle>(null);
  const tabs = useSqlTabs();
  const tab = tabs.active;
  const c = useSqlConsole(editor, tab.id, tabs.markRun);
  const [libTab, setLibTab] = useState<'saved' | 'history'>('saved');
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const saved = useSavedQueriesQuery(libTab === 'saved' ? debounced : '');
  const history = useSqlHistoryQuery(libTab === 'history' ? debounced : '');
  const createSaved = useSavedQueryCreateMutation();
  const updateSaved = useSavedQueryUpdateMutation();
  const deleteSaved = useSavedQueryDeleteMutation();
  const [saving, setSaving] = useState(false);
  const [closing, setClosing] = useState<SqlTab | null>(null);
  const split = useSplit();
  const unsaved = tabs.tabs.filter(isUnsaved);
  useNavigationGuard(unsaved.length ? `${unsaved.map((t) => t.title).join(', ')} ${unsaved.length === 1 ? 'has' : 'have'} SQL that is neither saved nor run. It stays as a draft in this browser, but is not saved as a query.` : null);

  // Completion reads the catalog through a ref, so the provider is registered once.
  const tables = useSqlTablesQuery();
  const columns = useColumnsFetcher();
  const source = useRef<CompletionSource>({ catalog: undefined, columns });
  source.current = { catalog: tables.data, columns };
  useEffect(() => {
    const d = registerSqlCompletion(source);
    // Monaco's own Format Document (Alt+Shift+F) uses the same formatter as the toolbar's Format.
    const f = monaco.languages.registerDocumentFormattingEditProvider(SQL_LANGUAGE, {
      provideDocumentFormattingEdits: (model) => [{ range: model.getFullModelRange(), text: formatSql(model.getValue()) }],
    });
    return () => {
      d.dispose();
      f.dispose();
    };
  }, []);

  /** From the library: into the current tab when it holds nothing worth keeping, else into a new tab. */
  const open = (sql: string, q?: SavedQuery) => {
    const savedRef = q ? { id: q.id, name: q.name, sql: q.sql } : null;
    if (isUnsaved(tab) || (tab.saved && tab.saved.id !== q?.id)) tabs.add(sql, { saved: savedRef, ...(q ? { title: q.name } : {}) });
    else {
      tabs.load(tab.id, sql, savedRef, q?.name);
      editor.current?.setValue(sql);
    }
    editor.current?.focus();
  };

  const save = ({ name, tags, updateId }: { name: string; tags: string[]; updateId: string | null }) => {
    const sql = editor.current?.getValue() ?? '';
    const tabId = tab.id;
    const done = { onSuccess: (q: SavedQuery) => { tabs.markSaved(tabId, { id: q.id, name: q.name, sql: q.sql }); setSaving(false); setLibTab('saved'); } };
    if (updateId) updateSaved.mutate({ id: updateId, name, tags, sql }, done);
    else createSaved.mutate({ name, tags, sql }, done);
  };

  const result = c.result;
  const stale = result !== null && result.bufferAtRun !== tab.sql;
  const runningHere = c.running && (c.runningTab === null || c.runningTab === tab.id);
  const currentSaved = tab.saved ? saved.data?.find((q) => q.id === tab.saved!.id) ?? null : null;
  return (
    <section className="sql-page" data-testid="sql-page">
      <SqlLibrary tab={libTab} onTab={setLibTab} search={search} onSearch={setSearch}
        saved={saved.data} history={history.data?.entries} onOpen={open} onDeleteSaved={(q) => deleteSaved.mutate(q.id)} />
      <div className="sql-main" ref={split.container}>
        <SqlTabs tabs={tabs.tabs} active={tab.id} onSelect={tabs.select} onAdd={() => tabs.add()}
          onClose={(t) => (isUnsaved(t) ? setClosing(t) : tabs.close(t.id))} />
        <SqlToolbar running={c.running} cancelling={c.cancelling} rowLimit={c.rowLimit} timeoutSec={c.timeoutSec}
          onRowLimit={c.setRowLimit} onTimeout={c.setTimeoutSec} onRunAll={() => c.runSql('all')} onRunSelection={() => c.runSql('selection')}
          onExplain={c.explainSql} onFormat={() => editor.current?.format(formatSql)} onCancel={c.cancelRun} onSave={() => setSaving(true)} />
        {tab.saved && <div className="small muted" data-testid="sql-current-saved">Editing saved query <strong>{tab.saved.name}</strong>{tab.sql !== tab.saved.sql ? ' (changed)' : ''}</div>}
        <div className="sql-editor-wrap" style={{ height: `${split.percent}%` }}>
          <SqlEditor ref={editor} tabId={tab.id} initialValue={tab.sql} tabIds={tabs.tabs.map((t) => t.id)} marker={c.marker}
            onChange={tabs.edit} onRunAll={() => c.runSql('all')} onRunSelection={() => c.runSql('selection')} onNewTab={() => tabs.add()} />
        </div>
        <div className="sql-splitter" onMouseDown={split.start} role="separator" aria-orientation="horizontal" title="Drag to resize" data-testid="sql-splitter" />
        <div className="sql-output" data-testid="sql-output">
          {runningHere && <p className="muted" data-testid="sql-running">Running…</p>}
          {c.cancelError ? <ErrorNotice error={c.cancelError} testId="sql-cancel-error" /> : null}
          {result && stale && (
            <div className="notice small" data-testid="sql-results-stale">These results are from an earlier version of this tab's SQL. Run it again to refresh them.</div>
          )}
          <div className={stale ? 'sql-stale' : ''} data-stale={stale || undefined}>
            {result?.view.kind === 'results' && <ResultsPanel run={result.view.run} />}
            {result?.view.kind === 'plan' && <PlanTree plan={result.view.plan} />}
            {result?.view.kind === 'error' && <SqlErrorPanel error={result.view.error} line={result.view.at?.line ?? null} column={result.view.at?.column ?? null} />}
          </div>
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
      {closing && (
        <ConfirmDialog title={`Close ${closing.title}?`} confirmLabel="Close tab" danger onConfirm={() => { tabs.close(closing.id); setClosing(null); }} onCancel={() => setClosing(null)} testId="sql-tab-close-dialog">
          <p>Its SQL is neither saved as a query nor run, so it will be gone.</p>
        </ConfirmDialog>
      )}
      {saving && (
        <SaveQueryDialog initialName={tab.saved?.name ?? ''} initialTags={currentSaved?.tags ?? []} existing={tab.saved ? { id: tab.saved.id, name: tab.saved.name } : null}
          busy={createSaved.isPending || updateSaved.isPending} error={createSaved.error ?? updateSaved.error}
          onSave={save} onCancel={() => { setSaving(false); createSaved.reset(); updateSaved.reset(); }} />
      )}
    </section>
  );
}
