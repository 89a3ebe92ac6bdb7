// Builds the OpenAPI document from the route schemas (@fastify/swagger). Registered before any route so that every
// route is seen; adds the shared ErrorBody and the security each route needs to the document.
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import { DEFAULT_ERROR_RESPONSES, ErrorBody } from '../schemas/error.js';
import { accessLevels, type Access } from './auth.js';

type Security = Array<Record<string, string[]>>;

export interface SeenRoute {
  method: string;
  url: string;
  hidden: boolean;
  websocket: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, so tests can check the document leaves none out. */
    seenRoutes: SeenRoute[];
  }
}

function securityFor(levels: Access[]): Security | undefined {
  if (levels.includes('public')) return [];
  const security: Security = [];
  if (levels.includes('client')) security.push({ apiKey: [], bearer: [] }, { apiKey: [] });
  if (levels.includes('service_role')) security.push({ apiKey: [] });
  if (levels.includes('dashboard')) security.push({ session: [] }, { apiKey: [] });
  return security.length ? security : undefined;
}

function tagFor(url: string): string | undefined {
  const m = /^\/(v1|api)\/([^/]+)/.exec(url);
  return m ? `${m[1] === 'v1' ? 'v1' : 'dashboard'}: ${m[2]}` : undefined;
}

export default fp(async function openapiPlugin(app: FastifyInstance) {
  const seen: SeenRoute[] = [];
  app.decorate('seenRoutes', seen);
  app.addHook('onRoute', (route) => {
    // Read `hide` later: plugins' own onRoute hooks (e.g. @fastify/websocket hiding socket routes) run after this one.
    for (const method of [route.method].flat()) {
      seen.push({
        method, url: route.url, websocket: (route as { websocket?: boolean }).websocket === true,
        get hidden() { return (route.schema as { hide?: boolean } | undefined)?.hide === true; },
      });
    }
  });
  app.addSchema(ErrorBody);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trestle API',
        version: app.trestle.version,
        description: 'The Truss API served by Trestle: client API (/v1, API keys) and dashboard API (/api, session cookie or service_role key). '
          + 'The realtime WebSocket (/realtime, apikey query parameter or session cookie) is not an HTTP operation and is not listed.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'apikey', description: 'truss_pk_… (anon) or truss_sk_… (service_role)' },
          session: { type: 'apiKey', in: 'cookie', name: 'trestle_session', description: 'Dashboard session; mutations also need X-CSRF-Token' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A user JWT: its role claim takes precedence over the key\'s role' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: ({ schema, url, route }) => {
      const base = (schema ?? {}) as FastifySchema & { response?: Record<string, unknown>; security?: Security; tags?: string[] };
      const security = base.security ?? securityFor(accessLevels(route.config));
      const tag = tagFor(url);
      return {
        url,
        schema: {
          ...base,
          ...(security ? { security } : {}),
          ...(tag && !base.tags ? { tags: [tag] } : {}),
          response: { ...DEFAULT_ERROR_RESPONSES, ...(base.response ?? {}) },
        },
      };
    },
  });
}, { name: 'trestle-openapi' });
