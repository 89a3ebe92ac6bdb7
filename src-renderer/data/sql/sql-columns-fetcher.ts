import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { sqlKeys } from './keys';
import { fetchTableDetails } from './sql-table-details-query';

/** Columns of a table for editor completion, through the query cache (fetched once per table, then reused). */
export function useColumnsFetcher() {
  const qc = useQueryClient();
  return useCallback(
    async (schema: string, table: string) =>
      (await qc.fetchQuery({ queryKey: sqlKeys.tableDetails(schema, table), queryFn: () => fetchTableDetails(schema, table), staleTime: 60_000 })).columns,
    [qc],
  );
}
