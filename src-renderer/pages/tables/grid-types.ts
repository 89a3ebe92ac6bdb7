import type { SortTerm } from '../../data/table-editor/types';
import type { Pk } from './edits.utils';
import type { EditorKind } from './values.utils';

export interface GridColumn {
  name: string;
  type: string;
  isPk: boolean;
  nullable: boolean;
  hasDefault: boolean;
  /** NOT NULL without a default: a new row must set it. */
  required: boolean;
  generated: boolean;
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

/** A cell by position in the grid (row index in `rows`, column index in `columns`). */
export interface CellPos {
  row: number;
  col: number;
}

export interface CellRange {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
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
  cursor: CellPos | null;
  range: CellRange | null;
  onCellDown: (pos: CellPos, extend: boolean) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  gridRef: React.RefObject<HTMLDivElement | null>;
  /** Tab/Enter in the cell editor: commit and move the cursor. */
  onCommitMove: (row: GridRow, column: GridColumn, value: unknown, move: 'next' | 'prev') => void;
}
