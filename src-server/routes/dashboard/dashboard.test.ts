import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { SECTIONS } from '../../../src-renderer/sections.js';
import { isReservedPath } from './reserved-paths.js';

/** Deep links of the dashboard's pages, beside each section's own path. */
const DEEP_LINKS = ['/tables/public/some_table', '/webhooks/new', '/webhooks/0b7e1c52-3f9a-4d55-9a0c-3c1d2f1e4a10', '/settings/usage', '/settings/audit', '/logs/postgres', '/diagram?schema=public'];

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  t = await createTestApp({ rendererDir: dir });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dashboard routes', () => {
  it('no page lives under a path reserved for the API or a socket', () => {
    for (const p of [...SECTIONS.map((s) => s.path), ...DEEP_LINKS]) expect(isReservedPath(p), p).toBe(false);
    expect(isReservedPath('/realtime')).toBe(true);
    expect(isReservedPath('/realtime?apikey=x')).toBe(true);
    expect(isReservedPath('/realtime-inspector')).toBe(false);
    expect(isReservedPath('/API/keys')).toBe(true);
  });

  it('every page and deep link answers the dashboard itself on a reload', async () => {
    for (const url of [...SECTIONS.map((s) => s.path), ...DEEP_LINKS]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('reserved paths never fall back to the dashboard', async () => {
    for (const url of ['/api/nope', '/v1/nope', '/realtime', '/rest/v1/x/y', '/storage/v1/nope', '/assets/missing.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-type'] ?? '', url).not.toMatch(/text\/html/);
    }
  });
});
