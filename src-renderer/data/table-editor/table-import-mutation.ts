import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from '../sql/keys';
import { tableEditorKeys } from './keys';

export interface ImportInput {
  schema: string;
  table: string;
  csv: string;
  header: boolean;
  mapping: Record<string, string | null>;
}

/** CSV import in one transaction (the server names the failing row and rolls everything back). */
export function useTableImportMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: ImportInput) => api<{ inserted: number; columns: string[] }>('/api/sql/import', { method: 'POST', body: req }),
    onSuccess: (_r, req) => {
      qc.invalidateQueries({ queryKey: tableEditorKeys.rowsOf(req.schema, req.table) });
      qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'tables'] });
    },
  });
}
