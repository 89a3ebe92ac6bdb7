import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';
import { viewQuery } from './browse-query-string';
import type { BrowseParams } from './types';

/** Exports the whole current view (filters, search, sort; all pages) through /api/sql/export. */
export function useTableExportMutation() {
  return useMutation({
    mutationFn: async ({ params, format }: { params: BrowseParams; format: 'csv' | 'json' }) => {
      const res = await apiFetch('/api/sql/export', { method: 'POST', body: { format, view: { schema: params.schema, table: params.table, ...viewQuery(params) } } });
      return { blob: await res.blob(), filename: `${params.table}.${format}` };
    },
  });
}
