import { Sidebar } from './components/Sidebar';
import { NavigationPrompt } from './components/NavigationPrompt';
import { NotBuilt } from './components/NotBuilt';
import { ShortcutSheet } from './components/ShortcutSheet';
import { useDashboardEvents } from './data/events/use-dashboard-events';
import { useHealthQuery } from './data/health/health-query';
import { useModulesQuery } from './data/modules/modules-query';
import { ActiveDatabaseIndicator } from './layout/ActiveDatabaseIndicator';
import { ApiRequestError } from './lib/api';
import { useLocation } from './lib/router';
import { PAGES } from './pages/registry';
import { SignedOutPage } from './pages/SignedOutPage';
import { SECTIONS } from './sections';

export function App() {
  const { pathname } = useLocation();
  const health = useHealthQuery();
  const modules = useModulesQuery();
  const signedOut = health.error instanceof ApiRequestError && health.error.status === 401;
  useDashboardEvents(Boolean(health.data));
  if (signedOut) return <SignedOutPage />;

  const section = [...SECTIONS].sort((a, b) => b.path.length - a.path.length).find((s) => pathname === s.path || pathname.startsWith(s.path === '/' ? '/__none__' : s.path + '/')) ?? SECTIONS[0];
  const Page = PAGES[section.id];
  const module = modules.data?.modules.find((m) => m.id === section.module);
  return (
    <div className="layout">
      <Sidebar pathname={pathname} healthy={health.data ? health.data.status === 'ok' : health.error ? false : undefined} />
      <main className="content">
        <ActiveDatabaseIndicator />
        {Page ? <Page /> : <NotBuilt title={section.title} module={module} />}
      </main>
      <NavigationPrompt />
      <ShortcutSheet />
    </div>
  );
}
