import type { SortTerm } from '../../data/table-editor/types';
import type { Pk } from './edits.utils';
import type { EditorKind } from './values.utils';

export interface GridColumn {
  name: string;
  type: string;
  isPk: boolean;
  nullable: boolean;
  hasDefault: boolean;
  kind: EditorKind;
  enumValues: string[] | null;
  fk: { schema: string; table: string; column: string } | null;
  width: number;
}

export interface GridRow {
  key: string;
  kind: 'row' | 'insert';
  values: Record<string, unknown>;
  original: Record<string, unknown>;
  pk: Pk | null;
  insertId?: string;
  deleted: boolean;
  changed: Set<string>;
  truncated: Set<string>;
}

export interface CellRef {
  rowKey: string;
  column: string;
}

export interface GridProps {
  /** Changes when a new page is shown: the grid scrolls to its top (or bottom for the last page). */
  scrollKey: string;
  scrollTo: 'top' | 'bottom';
  columns: GridColumn[];
  rows: GridRow[];
  sort: SortTerm[];
  onSort: (column: string, additive: boolean) => void;
  onResize: (column: string, width: number) => void;
  selected: Set<string>;
  onToggleSelect: (rowKey: string) => void;
  editable: boolean;
  editing: CellRef | null;
  onStartEdit: (cell: CellRef) => void;
  onCommit: (row: GridRow, column: GridColumn, value: unknown) => void;
  onDefault: (row: GridRow, column: GridColumn) => void;
  onCancelEdit: () => void;
  cellError: (CellRef & { message: string }) | null;
  onOpenLarge: (row: GridRow, column: GridColumn) => void;
  onOpenFk: (column: GridColumn, value: unknown) => void;
}
