// The dashboard's sections, in sidebar order; `module` links a section to the server module it needs.
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
  { id: 'auth', title: 'Authentication', path: '/authentication', module: 'auth' },
  { id: 'keys', title: 'API keys', path: '/keys', module: 'keys' },
  { id: 'webhooks', title: 'Webhooks', path: '/webhooks', module: 'webhooks' },
  { id: 'realtime', title: 'Realtime', path: '/realtime', module: 'realtime' },
  { id: 'branches', title: 'Branches', path: '/branches', module: 'branches' },
  { id: 'backups', title: 'Backups', path: '/backups', module: 'backups' },
  { id: 'settings', title: 'Settings', path: '/settings', module: 'audit' },
];
