// The console's state machine: what to run (all, selection, statement at cursor), the destructive-statement
// confirmation, the run itself with its query id (for cancel), and errors mapped back to editor positions.
import { useRef, useState, type RefObject } from 'react';
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

export function useSqlConsole(editor: RefObject<SqlEditorHandle | null>) {
  const run = useSqlRunMutation();
  const cancel = useSqlCancelMutation();
  const explain = useSqlExplainMutation();
  const [rowLimit, setRowLimit] = useState(1000);
  const [timeoutSec, setTimeoutSec] = useState(10);
  const [view, setView] = useState<ConsoleView>(null);
  const [marker, setMarker] = useState<EditorMarker | null>(null);
  const [confirm, setConfirm] = useState<{ fragment: Fragment; destructive: DestructiveStatement[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const queryId = useRef<string | null>(null);

  const fail = (error: unknown, fragment: Fragment) => {
    const d = (error instanceof ApiRequestError ? error.detail : null) as SqlErrorDetail | null;
    const at = d?.line ? shiftPosition({ line: d.line, column: d.column ?? 1 }, fragment.start) : null;
    setView({ kind: 'error', error, at });
    setMarker(at ? { ...at, message: error instanceof Error ? error.message : String(error) } : null);
  };

  const execute = (fragment: Fragment) => {
    setConfirm(null);
    const id = crypto.randomUUID();
    queryId.current = id;
    setMarker(null);
    run.mutate({ sql: fragment.sql, row_limit: rowLimit, timeout: timeoutSec * 1000, query_id: id }, {
      onSuccess: (r) => setView({ kind: 'results', run: r }),
      onError: (e) => fail(e, fragment),
      onSettled: () => {
        queryId.current = null;
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
    setMarker(null);
    explain.mutate({ sql: f.sql, analyze, timeout: timeoutSec * 1000 }, {
      onSuccess: (plan) => setView({ kind: 'plan', plan }),
      onError: (e) => fail(e, f),
    });
  };

  const cancelRun = () => {
    if (queryId.current) cancel.mutate(queryId.current);
  };

  return {
    rowLimit, setRowLimit, timeoutSec, setTimeoutSec, view, marker, confirm,
    running: run.isPending || explain.isPending || checking,
    cancelling: cancel.isPending,
    cancelError: cancel.error,
    runSql, explainSql, cancelRun,
    confirmRun: () => confirm && execute(confirm.fragment),
    dismissConfirm: () => setConfirm(null),
  };
}
