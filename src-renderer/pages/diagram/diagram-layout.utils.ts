// Lays a schema out for the diagram: tables in columns by foreign-key depth (a referenced table left of the tables
// referencing it), stacked within a column; edges from a referencing column to the referenced column.
// Written by hand: a few dozen lines for layered boxes, where a graph-layout library would add far more than it saves.
import type { Erd, ErdTable } from '../../data/sql/types';

export const BOX_WIDTH = 240;
export const HEADER = 30;
export const ROW = 20;
export const MAX_ROWS = 14;
const GAP_X = 110;
const GAP_Y = 36;

export interface Box {
  table: ErdTable;
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Columns drawn (a long table is cut off with a "+N more" line). */
  shown: ErdTable['columns'];
  hidden: number;
}

export interface Line {
  name: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
  self: boolean;
}

export const tableKey = (t: { schema: string; name?: string; table?: string }) => `${t.schema}.${t.name ?? t.table}`;

export function layout(erd: Erd): { boxes: Box[]; lines: Line[]; width: number; height: number } {
  const byKey = new Map(erd.tables.map((t) => [tableKey(t), t]));
  const refs = new Map<string, string[]>();
  for (const e of erd.edges) {
    const from = tableKey(e.from);
    const to = tableKey(e.to);
    if (from !== to && byKey.has(from) && byKey.has(to)) refs.set(from, [...(refs.get(from) ?? []), to]);
  }
  const rank = new Map<string, number>();
  const rankOf = (k: string, seen: Set<string>): number => {
    if (rank.has(k)) return rank.get(k)!;
    if (seen.has(k)) return 0; // a cycle: cut it here
    seen.add(k);
    const r = Math.max(-1, ...(refs.get(k) ?? []).map((t) => rankOf(t, seen))) + 1;
    seen.delete(k);
    rank.set(k, r);
    return r;
  };
  const columns: string[][] = [];
  for (const t of erd.tables) {
    const r = rankOf(tableKey(t), new Set());
    (columns[r] ??= []).push(tableKey(t));
  }
  const boxes = new Map<string, Box>();
  let height = 0;
  columns.forEach((keys, c) => {
    let y = 0;
    for (const k of keys ?? []) {
      const table = byKey.get(k)!;
      const shown = table.columns.slice(0, MAX_ROWS);
      const hidden = table.columns.length - shown.length;
      const h = HEADER + (shown.length + (hidden ? 1 : 0)) * ROW + 6;
      boxes.set(k, { table, key: k, x: c * (BOX_WIDTH + GAP_X), y, width: BOX_WIDTH, height: h, shown, hidden });
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
  });
  const rowY = (b: Box, column: string) => {
    const i = b.shown.findIndex((c) => c.name === column);
    return b.y + HEADER + (i < 0 ? 0 : i) * ROW + ROW / 2;
  };
  const lines: Line[] = [];
  for (const e of erd.edges) {
    const from = boxes.get(tableKey(e.from));
    const to = boxes.get(tableKey(e.to));
    if (!from || !to) continue;
    const self = from === to;
    const fromLeft = !self && to.x < from.x;
    lines.push({
      name: e.name, self,
      from: { x: fromLeft ? from.x : from.x + from.width, y: rowY(from, e.from.columns[0]) },
      to: { x: fromLeft || self ? to.x + to.width : to.x, y: rowY(to, e.to.columns[0]) },
    });
  }
  return { boxes: [...boxes.values()], lines, width: columns.length * (BOX_WIDTH + GAP_X), height };
}
