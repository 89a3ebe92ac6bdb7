import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from '../sql/keys';
import { tableEditorKeys } from './keys';
import type { RowEdit } from './types';

/** Applies the queue of pending edits in one transaction; nothing is applied if one fails. */
export function useTableRowsApplyMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { schema: string; table: string; edits: RowEdit[] }) =>
      api<{ applied: number; results: Array<{ op: string; row: Record<string, unknown> }> }>('/api/sql/rows/apply', { method: 'POST', body: req }),
    onSuccess: (_r, req) => {
      qc.invalidateQueries({ queryKey: tableEditorKeys.rowsOf(req.schema, req.table) });
      qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'tables'] });
    },
  });
}
