// One EventSource to /api/events for the whole dashboard: DDL anywhere (console, /v1/sql, a migration, psql) refreshes
// the table list, the open table's columns and rows, the type list and the diagram; a branch switch refreshes all.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { sqlKeys } from '../sql/keys';
import { tableEditorKeys } from '../table-editor/keys';

const SCHEMA_KEYS = new Set(['tables', 'table-details', 'types', 'erd']);

export function refreshSchema(qc: QueryClient) {
  void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === sqlKeys.all[0] && SCHEMA_KEYS.has(String(q.queryKey[1])) });
  void qc.invalidateQueries({ queryKey: [...tableEditorKeys.all, 'rows'] });
}

export function useDashboardEvents(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/events');
    source.addEventListener('schema', () => refreshSchema(qc));
    source.addEventListener('database', () => void qc.invalidateQueries());
    return () => source.close();
  }, [enabled, qc]);
}
