import type { BrowseParams } from './types';

export const tableEditorKeys = {
  all: ['table-editor'] as const,
  rowsOf: (schema: string, table: string) => [...tableEditorKeys.all, 'rows', schema, table] as const,
  rows: (p: BrowseParams) => [...tableEditorKeys.rowsOf(p.schema, p.table), p] as const,
  cell: (schema: string, table: string, column: string, pk: string) => [...tableEditorKeys.all, 'cell', schema, table, column, pk] as const,
};
