import { Link, useLocation } from '../../lib/router';
import { PostgresLogView } from './PostgresLogView';
import { RequestLogView } from './RequestLogView';
import './logs.css';

const TABS = [
  { id: 'requests', title: 'API requests', path: '/logs' },
  { id: 'postgres', title: 'Postgres', path: '/logs/postgres' },
] as const;

/** Logs: the API request log (/logs) and the Postgres server log (/logs/postgres), both live. */
export function LogsPage() {
  const { pathname } = useLocation();
  const tab = pathname.startsWith('/logs/postgres') ? TABS[1] : TABS[0];
  return (
    <section className="page logs-page" data-testid="logs-page">
      <h1>Logs</h1>
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <Link key={t.id} to={t.path} role="tab" aria-selected={t.id === tab.id} className={`tab ${t.id === tab.id ? 'active' : ''}`} data-testid={`logs-tab-${t.id}`}>{t.title}</Link>
        ))}
      </nav>
      {tab.id === 'requests' ? <RequestLogView /> : <PostgresLogView />}
    </section>
  );
}
