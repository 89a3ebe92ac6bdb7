import type { SqlTab } from './use-sql-tabs';
import { isUnsaved } from './use-sql-tabs';

export function SqlTabs({ tabs, active, onSelect, onClose, onAdd }: { tabs: SqlTab[]; active: string; onSelect: (id: string) => void; onClose: (t: SqlTab) => void; onAdd: () => void }) {
  return (
    <div className="tabs sql-tabs" role="tablist" data-testid="sql-tabs">
      {tabs.map((t) => (
        <span key={t.id} className={`tab sql-tab ${t.id === active ? 'active' : ''}`} role="tab" aria-selected={t.id === active} data-testid="sql-tab" data-title={t.title} data-unsaved={isUnsaved(t) || undefined}>
          <button type="button" className="link-btn sql-tab-title" onClick={() => onSelect(t.id)} data-testid="sql-tab-select">
            {t.title}{isUnsaved(t) ? ' •' : ''}
          </button>
          <button type="button" className="link-btn sql-tab-close" title="Close tab" onClick={() => onClose(t)} data-testid="sql-tab-close">✕</button>
        </span>
      ))}
      <button type="button" className="tab" onClick={onAdd} title="New tab (Ctrl/⌘+Alt+T)" data-testid="sql-tab-add">+</button>
    </div>
  );
}
