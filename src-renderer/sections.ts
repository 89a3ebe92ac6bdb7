// The dashboard's sections, in sidebar order; `module` links a section to the server module it needs.
// No section may live under a path the server reserves for the API or sockets (routes/dashboard/reserved-paths.ts):
// the Realtime page is /realtime-inspector because /realtime is the WebSocket existing clients connect to.
export interface Section {
  id: string;
  title: string;
  path: string;
  module?: string;
}

export const SECTIONS: Section[] = [
  { id: 'connect', title: 'Connect', path: '/' },
  { id: 'tables', title: 'Table editor', path: '/tables', module: 'sql-studio' },
  { id: 'sql', title: 'SQL', path: '/sql', module: 'sql-studio' },
  { id: 'diagram', title: 'Schema diagram', path: '/diagram', module: 'sql-studio' },
  { id: 'auth', title: 'Authentication', path: '/authentication', module: 'auth' },
  { id: 'keys', title: 'API keys', path: '/keys', module: 'keys' },
  // /oauth2 belongs to the OIDC provider's endpoints, so the page lives at /oauth-apps.
  { id: 'oauth2', title: 'OAuth apps', path: '/oauth-apps', module: 'oauth2' },
  { id: 'webhooks', title: 'Webhooks', path: '/webhooks', module: 'webhooks' },
  { id: 'gateway', title: 'Gateway', path: '/gateway', module: 'gateway' },
  { id: 'realtime', title: 'Realtime', path: '/realtime-inspector', module: 'realtime' },
  // /storage belongs to the Storage API (/storage/v1), so the page lives at /buckets.
  { id: 'storage', title: 'Storage', path: '/buckets', module: 'storage' },
  { id: 'branches', title: 'Branches', path: '/branches', module: 'branches' },
  { id: 'backups', title: 'Backups', path: '/backups', module: 'backups' },
  { id: 'logs', title: 'Logs', path: '/logs' },
  { id: 'migrations', title: 'Migrations', path: '/migrations', module: 'migrations' },
  { id: 'types', title: 'Types', path: '/types', module: 'types' },
  { id: 'advisors', title: 'Advisors', path: '/advisors', module: 'advisors' },
  { id: 'settings', title: 'Settings', path: '/settings', module: 'audit' },
];
