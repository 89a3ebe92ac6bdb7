import { useEffect, useState } from 'react';
import { Modal } from './studio/Modal';

const SHORTCUTS: Array<{ area: string; keys: Array<[string, string]> }> = [
  { area: 'Anywhere', keys: [['?', 'This sheet'], ['Esc', 'Close a dialog']] },
  {
    area: 'Table editor grid (click a cell first)',
    keys: [['← ↑ → ↓', 'Move the cell cursor'], ['Shift + arrows', 'Select a range'], ['Tab / Shift+Tab', 'Next / previous cell'],
      ['Enter or F2', 'Edit the cell'], ['Esc', 'Cancel the edit / collapse the range'], ['Ctrl/⌘ + C', 'Copy the cell or range as TSV'],
      ['Ctrl/⌘ + V', 'Paste TSV as pending edits (new rows past the end)'], ['Home / End', 'First / last column'], ['PgUp / PgDn', '20 rows up / down']],
  },
  {
    area: 'SQL console',
    keys: [['Ctrl/⌘ + Enter', 'Run all'], ['Ctrl/⌘ + Shift + Enter', 'Run the selection'], ['Alt + Shift + F', 'Format'], ['Ctrl/⌘ + Alt + T', 'New tab']],
  },
];

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('.monaco-editor') !== null);

/** `?` (outside text fields) shows the keyboard shortcuts. */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !typing(e.target) && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="shortcut-sheet" wide>
      <div className="grid-2">
        {SHORTCUTS.map((s) => (
          <div key={s.area}>
            <h3 className="small muted">{s.area}</h3>
            <table className="data small"><tbody>
              {s.keys.map(([k, what]) => <tr key={k}><td><kbd>{k}</kbd></td><td>{what}</td></tr>)}
            </tbody></table>
          </div>
        ))}
      </div>
    </Modal>
  );
}
