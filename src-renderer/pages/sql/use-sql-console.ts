// The console's state machine: what to run (all, selection, statement at cursor), the destructive-statement
// confirmation, the run itself with its query id (for cancel), and errors mapped back to editor positions.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ApiRequestError } from '../../lib/api';
import { analyzeSql } from '../../data/sql/sql-analyze';
import { useSqlCancelMutation } from '../../data/sql/sql-cancel-mutation';
import { useSqlExplainMutation } from '../../data/sql/sql-explain-mutation';
import { useSqlRunMutation } from '../../data/sql/sql-run-mutation';
import type { ConsoleRun, DestructiveStatement, ExplainResult, SqlErrorDetail } from '../../data/sql/types';
import type { EditorMarker, SqlEditorHandle } from './SqlEditor';
import { offsetToLineColumn, shiftPosition } from './position.utils';
import { findDestructive, splitStatements } from './sql-statements.utils';

type Fragment = { sql: string; start: { line: number; column: number } };
export type ConsoleView = { kind: 'results'; run: ConsoleRun } | { kind: 'plan'; plan: ExplainResult } | { kind: 'error'; error: unknown; at: { line: number; column: number } | null } | null;

/** A tab's last result, with the tab's text when it was run (results of text since changed are shown as stale). */
export interface TabResult {
  view: NonNullable<ConsoleView>;
  bufferAtRun: string;
}

export function useSqlConsole(editor: RefObject<SqlEditorHandle | null>, tabId: string, onRan: (tabId: string, buffer: string) => void) {
  const run = useSqlRunMutation();
  const cancel = useSqlCancelMutation();
  const explain = useSqlExplainMutation();
  const [rowLimit, setRowLimit] = useState(1000);
  const [timeoutSec, setTimeoutSec] = useState(10);
  const [results, setResults] = useState<Record<string, TabResult>>({});
  const [runningTab, setRunningTab] = useState<string | null>(null);
  const [marker, setMarker] = useState<EditorMarker | null>(null);
  const [confirm, setConfirm] = useState<{ fragment: Fragment; destructive: DestructiveStatement[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const queryId = useRef<string | null>(null);
  useEffect(() => setMarker(null), [tabId]);
  /** Results go to the tab that ran, even if the user switched tabs meanwhile. */
  const setView = (tab: string, view: NonNullable<ConsoleView>, bufferAtRun: string) => setResults((r) => ({ ...r, [tab]: { view, bufferAtRun } }));
  const clearView = (tab: string) => setResults((r) => {
    const next = { ...r };
    delete next[tab];
    return next;
  });

  const fail = (error: unknown, fragment: Fragment, tab: string, buffer: string) => {
    const d = (error instanceof ApiRequestError ? error.detail : null) as SqlErrorDetail | null;
    const at = d?.line ? shiftPosition({ line: d.line, column: d.column ?? 1 }, fragment.start) : null;
    setView(tab, { kind: 'error', error, at }, buffer);
    if (tab === tabId) setMarker(at ? { ...at, message: error instanceof Error ? error.message : String(error) } : null);
  };

  const execute = (fragment: Fragment) => {
    setConfirm(null);
    const id = crypto.randomUUID();
    const tab = tabId;
    const buffer = editor.current?.getValue() ?? fragment.sql;
    queryId.current = id;
    setMarker(null);
    clearView(tab);
    setRunningTab(tab);
    run.mutate({ sql: fragment.sql, row_limit: rowLimit, timeout: timeoutSec * 1000, query_id: id }, {
      onSuccess: (r) => setView(tab, { kind: 'results', run: r }, buffer),
      onError: (e) => fail(e, fragment, tab, buffer),
      onSettled: () => {
        queryId.current = null;
        setRunningTab(null);
        onRan(tab, buffer);
      },
    });
  };

  const fragmentOf = (mode: 'all' | 'selection'): Fragment | null => {
    const ed = editor.current;
    if (!ed) return null;
    if (mode === 'selection') {
      const sel = ed.getSelection();
      if (sel) return { sql: sel.text, start: { line: sel.line, column: sel.column } };
    }
    const sql = ed.getValue();
    return sql.trim() ? { sql, start: { line: 1, column: 1 } } : null;
  };

  const runSql = async (mode: 'all' | 'selection') => {
    if (run.isPending || checking) return;
    const fragment = fragmentOf(mode);
    if (!fragment) return;
    setChecking(true);
    try {
      const destructive = (await analyzeSql(fragment.sql).catch(() => null)) ?? findDestructive(fragment.sql);
      if (destructive.length > 0) setConfirm({ fragment, destructive });
      else execute(fragment);
    } finally {
      setChecking(false);
    }
  };

  /** EXPLAIN the selection, or the statement under the cursor. */
  const explainSql = (analyze: boolean) => {
    const ed = editor.current;
    if (!ed) return;
    let fragment = fragmentOf('selection');
    if (!ed.getSelection()) {
      const text = ed.getValue();
      const cursor = ed.getCursorOffset();
      const statements = splitStatements(text);
      const stmt = statements.find((s) => cursor <= s.start + (text.slice(s.start).length - text.slice(s.start).trimStart().length) + s.text.length) ?? statements[statements.length - 1];
      if (!stmt) return;
      const lead = text.slice(stmt.start).length - text.slice(stmt.start).trimStart().length;
      fragment = { sql: stmt.text, start: offsetToLineColumn(text, stmt.start + lead) };
    }
    if (!fragment) return;
    const f = fragment;
    const tab = tabId;
    const buffer = ed.getValue();
    setMarker(null);
    clearView(tab);
    explain.mutate({ sql: f.sql, analyze, timeout: timeoutSec * 1000 }, {
      onSuccess: (plan) => setView(tab, { kind: 'plan', plan }, buffer),
      onError: (e) => fail(e, f, tab, buffer),
    });
  };

  const cancelRun = () => {
    if (queryId.current) cancel.mutate(queryId.current);
  };

  return {
    rowLimit, setRowLimit, timeoutSec, setTimeoutSec, result: results[tabId] ?? null, runningTab, marker, confirm,
    running: run.isPending || explain.isPending || checking,
    cancelling: cancel.isPending,
    cancelError: cancel.error,
    runSql, explainSql, cancelRun,
    confirmRun: () => confirm && execute(confirm.fragment),
    dismissConfirm: () => setConfirm(null),
  };
}
