// Section id → page component. A section without a page here shows NotBuilt.
import type { ComponentType } from 'react';
import { ConnectPage } from './ConnectPage';
import { BranchesPage } from './BranchesPage';
import { BackupsPage } from './BackupsPage';
import { SettingsPage } from './SettingsPage';
import { WebhooksPage } from './WebhooksPage';
import { RealtimePage } from './RealtimePage';
import { StoragePage } from './StoragePage';
import { KeysPage } from './keys/KeysPage';
import { LogsPage } from './logs/LogsPage';
import { MigrationsPage } from './MigrationsPage';
import { TypesPage } from './TypesPage';
import { AdvisorsPage } from './AdvisorsPage';
import { lazyPage } from './lazy-page';

export const PAGES: Partial<Record<string, ComponentType>> = {
  connect: ConnectPage,
  branches: BranchesPage,
  backups: BackupsPage,
  settings: SettingsPage,
  webhooks: WebhooksPage,
  realtime: RealtimePage,
  storage: StoragePage,
  keys: KeysPage,
  logs: LogsPage,
  diagram: lazyPage(() => import('./diagram/DiagramPage')),
  migrations: MigrationsPage,
  types: TypesPage,
  advisors: AdvisorsPage,
  sql: lazyPage(() => import('./sql/SqlPage')),
  tables: lazyPage(() => import('./tables/TablesPage')),
  auth: lazyPage(() => import('./auth/AuthPage')),
  gateway: lazyPage(() => import('./gateway/GatewayPage')),
  oauth2: lazyPage(() => import('./oauth2/OAuthAppsPage')),
};
