import { Link, useLocation } from '../lib/router';
import { AuditLogTab } from './settings/AuditLogTab';
import { UsageTab } from './settings/UsageTab';

const TABS = [
  { id: 'audit', title: 'Audit log', path: '/settings/audit' },
  { id: 'usage', title: 'Usage', path: '/settings/usage' },
] as const;

/** Settings: tabs chosen by the URL (/settings/audit, /settings/usage). */
export function SettingsPage() {
  const { pathname } = useLocation();
  const tab = TABS.find((t) => pathname.startsWith(t.path)) ?? TABS[0];
  return (
    <section className="page" data-testid="settings-page">
      <div className="page-header">
        <h1>Settings</h1>
        <a href="/api/docs" target="_blank" rel="noreferrer" className="btn btn-small" data-testid="api-docs-link">API reference ↗</a>
      </div>
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <Link key={t.id} to={t.path} role="tab" aria-selected={t.id === tab.id} className={`tab ${t.id === tab.id ? 'active' : ''}`} data-testid={`settings-tab-${t.id}`}>
            {t.title}
          </Link>
        ))}
      </nav>
      {tab.id === 'audit' ? <AuditLogTab /> : <UsageTab />}
    </section>
  );
}
