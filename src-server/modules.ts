// Which product areas exist. A module without a plugin is reported unavailable by /v1/modules, and its
// routes answer 501 MODULE_NOT_AVAILABLE: nothing pretends to work before it is built.
import type { FastifyInstance, FastifyPluginAsync, HTTPMethods } from 'fastify';
import { ApiError } from './errors.js';
import type { Access } from './plugins/auth.js';

export interface ModuleDefinition {
  id: string;
  name: string;
  description: string;
  /** Routes that answer 501 while the module is unavailable. */
  routes: Array<[HTTPMethods, string]>;
}

export const MODULE_CATALOG: ModuleDefinition[] = [
  {
    id: 'platform', name: 'Platform status', description: 'Status and modules',
    routes: [['GET', '/v1/status'], ['GET', '/v1/modules']],
  },
  {
    id: 'keys', name: 'API keys', description: 'Create, list, rotate and revoke API keys',
    routes: [['GET', '/v1/keys'], ['POST', '/v1/keys']],
  },
  {
    id: 'rest', name: 'Data API', description: 'SQL over HTTP and PostgREST-compatible auto-REST',
    routes: [['POST', '/v1/sql'], ['POST', '/v1/sql/transaction'], ['GET', '/v1/db/*'], ['POST', '/v1/db/*'], ['PATCH', '/v1/db/*'], ['DELETE', '/v1/db/*'],
      ['GET', '/rest/v1/*'], ['POST', '/rest/v1/*'], ['PATCH', '/rest/v1/*'], ['DELETE', '/rest/v1/*']],
  },
  {
    id: 'metrics', name: 'Usage metrics', description: 'Requests, bandwidth and latency per key and endpoint',
    routes: [['GET', '/v1/billing'], ['GET', '/v1/metrics'], ['GET', '/api/metrics']],
  },
  {
    id: 'audit', name: 'Audit log', description: 'Every mutation through /api and /v1',
    routes: [['GET', '/v1/audit-logs'], ['GET', '/api/audit-logs']],
  },
  {
    id: 'projects', name: 'Projects', description: 'The local project: name, status, usage',
    routes: [['GET', '/v1/projects'], ['GET', '/v1/projects/:id'], ['PATCH', '/v1/projects/:id']],
  },
  {
    id: 'database', name: 'Schema introspection', description: 'Tables, columns, keys, indexes, triggers and policies',
    routes: [['GET', '/v1/database/schema'], ['GET', '/v1/database/tables/:schema/:table']],
  },
  {
    id: 'sql-studio', name: 'SQL studio', description: 'Table editor and SQL console endpoints',
    routes: [['GET', '/api/sql/*'], ['POST', '/api/sql/*'], ['PATCH', '/api/sql/*'], ['DELETE', '/api/sql/*']],
  },
  {
    id: 'branches', name: 'Branches', description: 'Database branches from template copies',
    routes: [['GET', '/v1/branches'], ['GET', '/api/branches'], ['POST', '/api/branches'], ['DELETE', '/api/branches/:id'], ['POST', '/api/branches/:id/*'], ['GET', '/api/branches/:id/*']],
  },
  {
    id: 'backups', name: 'Backups', description: 'Snapshots, restore and SQL dumps',
    routes: [['GET', '/v1/backups'], ['GET', '/api/backups'], ['POST', '/api/backups'], ['POST', '/api/backups/*'], ['DELETE', '/api/backups/:id'], ['GET', '/api/backups/:id/download']],
  },
  {
    id: 'webhooks', name: 'Webhooks', description: 'Transactional outbox with signed, retried deliveries',
    routes: [['GET', '/v1/webhooks'], ['GET', '/v1/webhooks/:id'], ['GET', '/api/webhooks'], ['POST', '/api/webhooks'], ['PATCH', '/api/webhooks/:id'], ['DELETE', '/api/webhooks/:id'], ['GET', '/api/webhooks/:id/*'], ['POST', '/api/webhooks/:id/*']],
  },
  {
    id: 'realtime', name: 'Realtime', description: 'Table changes, broadcast and presence over WebSocket (Supabase Realtime protocol)',
    routes: [['GET', '/v1/realtime'], ['GET', '/api/realtime/*'], ['POST', '/api/realtime/subscribe'], ['DELETE', '/api/realtime/subscribe'],
      ['POST', '/realtime/v1/api/broadcast'], ['POST', '/realtime/v1/api/broadcast/:topic/events/:event']],
  },
  {
    id: 'migrations', name: 'Migrations', description: 'Migrations with checksums, the migrations folder, seeds, and branch diff → promote to main',
    routes: [['GET', '/v1/database/migrations'], ['POST', '/v1/database/migrations'], ['GET', '/v1/database/migrations/*'], ['POST', '/v1/database/migrations/*'],
      ['PATCH', '/v1/database/migrations/*'], ['GET', '/v1/branches/:id/diff'], ['POST', '/v1/branches/:id/promote'], ['POST', '/v1/branches/:id/seed'],
      ['GET', '/api/migrations'], ['POST', '/api/migrations'], ['GET', '/api/migrations/*'], ['POST', '/api/migrations/*'], ['PATCH', '/api/migrations/*']],
  },
  {
    id: 'types', name: 'TypeScript types', description: 'The Database type supabase-js expects, generated from the schema (and written to a file on every change)',
    routes: [['GET', '/v1/types/typescript'], ['GET', '/api/types/*'], ['PATCH', '/api/types/*'], ['POST', '/api/types/*']],
  },
  {
    id: 'advisors', name: 'Advisors', description: "Supabase's security and performance lints, with fixes",
    routes: [['GET', '/v1/advisors/security'], ['GET', '/v1/advisors/performance'], ['GET', '/api/advisors'], ['POST', '/api/advisors/fix']],
  },
  {
    id: 'auth', name: 'Auth', description: 'Users, sessions and tokens for supabase-js (GoTrue-compatible /auth/v1), with a local inbox',
    routes: [
      ['GET', '/v1/auth/identities'], ['GET', '/v1/auth/identities/:id'],
      ['GET', '/auth/v1/*'], ['POST', '/auth/v1/*'], ['PUT', '/auth/v1/*'], ['DELETE', '/auth/v1/*'],
      ['GET', '/api/auth/*'], ['POST', '/api/auth/*'], ['PATCH', '/api/auth/*'], ['DELETE', '/api/auth/*'],
    ],
  },
  {
    id: 'storage', name: 'Storage', description: 'Buckets and files (Supabase Storage API), signed URLs, resumable uploads',
    routes: [['GET', '/v1/storage/buckets'], ['GET', '/api/storage/*'], ['POST', '/api/storage/*'], ['PATCH', '/api/storage/*'],
      ['DELETE', '/api/storage/*'], ['GET', '/storage/v1/*'], ['POST', '/storage/v1/*'], ['PUT', '/storage/v1/*'], ['DELETE', '/storage/v1/*']],
  },
  {
    id: 'oauth2', name: 'OAuth2 / OIDC', description: 'OpenID Connect provider for local apps (the auth users sign in), OAuth clients, discovery and signing keys',
    routes: [['GET', '/v1/oauth2/clients'], ['POST', '/v1/oauth2/clients'], ['DELETE', '/v1/oauth2/clients/:id'], ['GET', '/v1/oauth2/discovery'],
      ['GET', '/api/oauth2'], ['GET', '/api/oauth2/clients'], ['POST', '/api/oauth2/clients'], ['DELETE', '/api/oauth2/clients/:id']],
  },
  {
    id: 'gateway', name: 'API gateway', description: 'Access rules for every client-facing route, upstream services, health',
    routes: [
      ['GET', '/v1/gateway/health'], ['GET', '/v1/gateway/rules'], ['POST', '/v1/gateway/rules'], ['GET', '/v1/gateway/rules/:id'],
      ['PATCH', '/v1/gateway/rules/:id'], ['DELETE', '/v1/gateway/rules/:id'], ['POST', '/v1/gateway/test'],
      ['GET', '/api/gateway/*'], ['POST', '/api/gateway/*'], ['PATCH', '/api/gateway/*'], ['DELETE', '/api/gateway/*'],
    ],
  },
];

export interface ModuleState {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  status: 'available' | 'not_available';
}

export type ModulePlugins = Partial<Record<string, FastifyPluginAsync>>;

export function moduleStates(plugins: ModulePlugins, catalog: ModuleDefinition[] = MODULE_CATALOG): ModuleState[] {
  return catalog.map((m) => ({
    id: m.id, name: m.name, description: m.description,
    enabled: plugins[m.id] !== undefined, status: plugins[m.id] ? 'available' : 'not_available',
  }));
}

/** Who may reach a placeholder route: the level its real route will have. */
function placeholderAccess(url: string): Access {
  if (url.startsWith('/api/')) return 'dashboard';
  if (url.startsWith('/v1/') && !url.startsWith('/v1/db')) return 'service_role';
  return 'client';
}

export async function registerModules(app: FastifyInstance, plugins: ModulePlugins, catalog: ModuleDefinition[] = MODULE_CATALOG): Promise<void> {
  for (const m of catalog) {
    const plugin = plugins[m.id];
    if (plugin) {
      await app.register(plugin);
      continue;
    }
    for (const [method, url] of m.routes) {
      app.route({
        method, url,
        config: { access: placeholderAccess(url) },
        handler: async () => {
          throw new ApiError(501, 'MODULE_NOT_AVAILABLE', `The ${m.name} module is not available in this version of Trestle`, { detail: { module: m.id } });
        },
      });
    }
  }
}
