import type { Filter } from '../../data/table-editor/types';
import { readView, writeView } from './view-url.utils';

/** The table editor's URL of a table, optionally filtered (foreign-key jumps). */
export const tablePath = (schema: string, table: string, filter?: Filter | null) =>
  `/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}${filter ? writeView({ ...readView(new URLSearchParams()), filters: [filter] }) : ''}`;
