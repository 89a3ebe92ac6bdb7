// The console's tabs: each its own SQL buffer, kept in localStorage on every change so buffers survive reloads and
// restarts. A tab's text counts as unsaved while it was typed and is neither saved as a query nor run (history).
import { useEffect, useState } from 'react';

export interface SqlTab {
  id: string;
  title: string;
  sql: string;
  /** The saved query this tab edits, if any, and its text as saved. */
  saved: { id: string; name: string; sql: string } | null;
  /** The text was run (so it is in the history) or opened as is from the library. */
  kept: boolean;
}

interface TabsState {
  tabs: SqlTab[];
  active: string;
}

const KEY = 'trestle.sql.tabs';
const OLD_DRAFT_KEY = 'trestle.sql.draft';

const newTab = (n: number, sql = '', extra: Partial<SqlTab> = {}): SqlTab => ({ id: crypto.randomUUID(), title: `Query ${n}`, sql, saved: null, kept: true, ...extra });

function load(): TabsState {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as TabsState | null;
    if (raw?.tabs?.length) return { tabs: raw.tabs, active: raw.tabs.some((t) => t.id === raw.active) ? raw.active : raw.tabs[0].id };
  } catch {
    // a damaged entry: start over with one tab
  }
  const first = newTab(1, localStorage.getItem(OLD_DRAFT_KEY) ?? 'select now();\n');
  return { tabs: [first], active: first.id };
}

export const isUnsaved = (t: SqlTab) => !t.kept && t.sql.trim() !== '' && t.sql !== t.saved?.sql;

export function useSqlTabs() {
  const [state, setState] = useState<TabsState>(load);
  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(state));
  }, [state]);
  const patch = (id: string, p: Partial<SqlTab>) => setState((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...p } : t)) }));
  const nextNumber = () => Math.max(0, ...state.tabs.map((t) => Number(/^Query (\d+)$/.exec(t.title)?.[1] ?? 0))) + 1;
  const active = state.tabs.find((t) => t.id === state.active) ?? state.tabs[0];
  return {
    tabs: state.tabs,
    active,
    select: (id: string) => setState((s) => ({ ...s, active: id })),
    add: (sql = '', extra: Partial<SqlTab> = {}) => {
      const tab = newTab(nextNumber(), sql, extra);
      setState((s) => ({ tabs: [...s.tabs, tab], active: tab.id }));
      return tab;
    },
    close: (id: string) => setState((s) => {
      const i = s.tabs.findIndex((t) => t.id === id);
      const tabs = s.tabs.filter((t) => t.id !== id);
      if (tabs.length === 0) tabs.push(newTab(1));
      return { tabs, active: s.active === id ? tabs[Math.max(0, i - 1)].id : s.active };
    }),
    /** The user typed. */
    edit: (id: string, sql: string) => setState((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id && t.sql !== sql ? { ...t, sql, kept: false } : t)) })),
    /** Text put into a tab from the library (already kept there). */
    load: (id: string, sql: string, saved: SqlTab['saved'], title?: string) => patch(id, { sql, saved, kept: true, ...(title ? { title } : {}) }),
    markRun: (id: string, sql: string) => setState((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id && t.sql === sql ? { ...t, kept: true } : t)) })),
    markSaved: (id: string, saved: NonNullable<SqlTab['saved']>) => patch(id, { saved, title: saved.name, kept: true }),
  };
}
