import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*/g, '{*}');

describe('OpenAPI document', () => {
  it('is served to service_role keys only on /v1, and to the dashboard on /api', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).statusCode).toBe(401);
    const anon = await t.anon({ method: 'GET', url: '/v1/openapi.json' });
    expect(anon.statusCode).toBe(403);
    expect(anon.json().code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(401);
    const v1 = await t.service({ method: 'GET', url: '/v1/openapi.json' });
    const api = await t.service({ method: 'GET', url: '/api/openapi.json' });
    expect(v1.statusCode).toBe(200);
    expect(api.json()).toEqual(v1.json());
  });

  it('lists every registered route and validates as OpenAPI 3.1', async () => {
    const doc = (await t.service({ method: 'GET', url: '/v1/openapi.json' })).json();
    // Only the reference UI's own pages and WebSocket upgrades (not HTTP operations) may be left out.
    const hidden = t.app.seenRoutes.filter((r) => r.hidden && r.method !== 'HEAD');
    expect(hidden.filter((r) => !r.url.startsWith('/api/docs') && !r.websocket && r.method !== 'OPTIONS')).toEqual([]);
    const routes = t.app.seenRoutes.filter((r) => !r.hidden && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()]);
    expect(missing).toEqual([]);
    for (const r of routes.filter((x) => x.url.startsWith('/v1/') || x.url.startsWith('/api/'))) {
      const op = doc.paths[toOpenApiPath(r.url)][r.method.toLowerCase()];
      expect(op.responses['4XX'] ?? op.responses['4xx'], `${r.method} ${r.url}`).toBeDefined();
    }
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents request and response schemas and the shared error body', async () => {
    const doc = (await t.service({ method: 'GET', url: '/v1/openapi.json' })).json();
    expect(doc.components.schemas.ErrorBody.properties).toHaveProperty('code');
    const audit = doc.paths['/v1/audit-logs'].get;
    expect(audit.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'offset', 'action', 'resource_type', 'since']));
    expect(audit.responses['200'].content['application/json'].schema.properties).toHaveProperty('entries');
    expect(JSON.stringify(audit.responses['4XX'])).toContain('#/components/schemas/ErrorBody');
    expect(audit.security).toEqual([{ apiKey: [] }]);
    const patch = doc.paths['/v1/projects/{id}'].patch;
    expect(patch.requestBody.content['application/json'].schema.properties).toHaveProperty('status');
  });

  it('serves the interactive reference locally, with no external URL, behind dashboard auth', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(401);
    const page = await t.service({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.body).not.toMatch(/src="\/\//);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const scripts = [...page.body.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await t.service({ method: 'GET', url: src.startsWith('/') ? src : `/api/${src.replace(/^\.\//, 'docs/')}` });
      expect(asset.statusCode, src).toBe(200);
    }
    const init = await t.service({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.body).toContain('/api/openapi.json');
  });
});
