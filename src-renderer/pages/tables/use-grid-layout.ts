// Column widths and hidden columns of a table, kept in localStorage so they survive reloads and restarts.
import { useEffect, useState } from 'react';

interface Layout {
  widths: Record<string, number>;
  hidden: string[];
}

const keyOf = (schema: string, table: string) => `trestle.grid.layout.${schema}.${table}`;

function load(schema: string, table: string): Layout {
  try {
    const raw = JSON.parse(localStorage.getItem(keyOf(schema, table)) ?? 'null') as Partial<Layout> | null;
    return { widths: raw?.widths ?? {}, hidden: raw?.hidden ?? [] };
  } catch {
    return { widths: {}, hidden: [] };
  }
}

export function useGridLayout(schema: string, table: string) {
  const [layout, setLayout] = useState<Layout>(() => load(schema, table));
  useEffect(() => {
    localStorage.setItem(keyOf(schema, table), JSON.stringify(layout));
  }, [layout, schema, table]);
  return {
    widths: layout.widths,
    hidden: new Set(layout.hidden),
    resize: (column: string, width: number) => setLayout((l) => ({ ...l, widths: { ...l.widths, [column]: width } })),
    toggleHidden: (column: string) => setLayout((l) => ({ ...l, hidden: l.hidden.includes(column) ? l.hidden.filter((c) => c !== column) : [...l.hidden, column] })),
  };
}
