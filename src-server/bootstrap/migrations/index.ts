// Every area's migrations, merged. Version ranges per area keep them from colliding:
// core 1–9, rest 10–19, management 20–29, webhooks/realtime 30–39, branches/backups 40–49, dashboard 50–59, auth 60–69, storage 70–79, schema workflow 80–89 (unused), gateway 90–94, oidc 95–99.
import { coreMigrations, type Migration } from './core.js';
import { managementMigrations } from './management.js';
import { branchesMigrations } from './branches.js';
import { studioMigrations } from './studio.js';
import { webhooksMigrations } from './webhooks.js';
import { restMigrations } from './rest.js';
import { authMigrations } from './auth.js';
import { storageMigrations } from './storage.js';
import { realtimeMigrations } from './realtime.js';
import { gatewayMigrations } from './gateway.js';
import { oidcMigrations } from './oidc.js';

export type { Migration };
export const MIGRATIONS: Migration[] = [
  ...coreMigrations, ...managementMigrations, ...branchesMigrations, ...studioMigrations, ...webhooksMigrations, ...realtimeMigrations,
  ...restMigrations, ...authMigrations, ...storageMigrations, ...gatewayMigrations, ...oidcMigrations,
];
