import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { tableEditorKeys } from './keys';
import type { ViewAsRole } from './types';

/** One full cell value (for the side editor of truncated cells). */
export function useTableCellQuery(req: { schema: string; table: string; column: string; pk: Record<string, unknown>; viewAs: { role: ViewAsRole; sub?: string } | null } | null) {
  const pk = req ? JSON.stringify(req.pk) : '';
  return useQuery({
    queryKey: tableEditorKeys.cell(req?.schema ?? '', req?.table ?? '', req?.column ?? '', pk),
    queryFn: () => {
      const q = new URLSearchParams({ schema: req!.schema, table: req!.table, column: req!.column, pk });
      if (req!.viewAs) q.set('role', req!.viewAs.role);
      if (req!.viewAs?.sub && req!.viewAs.role === 'authenticated') q.set('sub', req!.viewAs.sub);
      return api<{ column: string; type: string; value: unknown }>(`/api/sql/cell?${q}`);
    },
    enabled: req !== null,
    staleTime: 0,
  });
}
