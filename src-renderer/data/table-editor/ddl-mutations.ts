import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from '../sql/keys';
import { tableEditorKeys } from './keys';
import type { DdlOperation, DdlResult } from './types';

/** The exact SQL a schema change would run (nothing runs). */
export function useDdlPreviewMutation() {
  return useMutation({ mutationFn: (op: DdlOperation) => api<DdlResult>('/api/sql/ddl/preview', { method: 'POST', body: op }) });
}

export function useDdlApplyMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (op: DdlOperation) => api<DdlResult>('/api/sql/ddl/apply', { method: 'POST', body: op }),
    onSuccess: (_r, op) => {
      qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'tables'] });
      qc.invalidateQueries({ queryKey: sqlKeys.tableDetails(op.schema, op.table) });
      qc.invalidateQueries({ queryKey: tableEditorKeys.rowsOf(op.schema, op.table) });
    },
  });
}
