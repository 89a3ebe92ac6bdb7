import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { browseQueryString } from './browse-query-string';
import { tableEditorKeys } from './keys';
import type { BrowseParams, BrowseResult } from './types';

export function useTableRowsQuery(params: BrowseParams | null) {
  return useQuery({
    queryKey: params ? tableEditorKeys.rows(params) : [...tableEditorKeys.all, 'rows', 'none'],
    queryFn: ({ signal }) => api<BrowseResult>(`/api/sql/table-browser?${browseQueryString(params!)}`, { signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });
}
