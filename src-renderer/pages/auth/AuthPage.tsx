import { Link, useLocation } from '../../lib/router';
import { AuthSettingsTab } from './AuthSettingsTab';
import { InboxTab } from './InboxTab';
import { UsersTab } from './UsersTab';
import '../../components/studio/ui.css';

const TABS = [
  { id: 'users', title: 'Users', path: '/authentication/users' },
  { id: 'inbox', title: 'Inbox', path: '/authentication/inbox' },
  { id: 'settings', title: 'Settings', path: '/authentication/settings' },
] as const;

/** Authentication: the project's users, the local inbox (every email and SMS the auth module "sent"), settings. */
export default function AuthPage() {
  const { pathname } = useLocation();
  const tab = TABS.find((t) => pathname.startsWith(t.path)) ?? TABS[0];
  return (
    <section className="page" data-testid="auth-page">
      <div className="page-header">
        <h1>Authentication</h1>
      </div>
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <Link key={t.id} to={t.path} role="tab" aria-selected={t.id === tab.id} className={`tab ${t.id === tab.id ? 'active' : ''}`} data-testid={`auth-tab-${t.id}`}>
            {t.title}
          </Link>
        ))}
      </nav>
      {tab.id === 'users' ? <UsersTab /> : tab.id === 'inbox' ? <InboxTab /> : <AuthSettingsTab />}
    </section>
  );
}
