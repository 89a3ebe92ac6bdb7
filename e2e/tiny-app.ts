// A tiny browser app on its own origin (http://localhost:<free port>): one HTML page for every path, and supabase-js's
// UMD bundle from node_modules at /supabase.js (no CDN), for specs that drive supabase-js or OAuth redirects.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test } from './fixtures';

const BUNDLE = path.resolve('node_modules/@supabase/supabase-js/dist/umd/supabase.js');

export interface TinyApp {
  origin: string;
  close(): Promise<void>;
}

export async function serveTinyApp(page: string): Promise<TinyApp> {
  const server = http.createServer((req, res) => {
    if (req.url === '/supabase.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      fs.createReadStream(BUNDLE).pipe(res);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Serves `page` for the spec file's tests (started before them, closed after); call the getter inside a test. */
export function tinyAppFixture(page: string): () => TinyApp {
  let app: TinyApp | undefined;
  test.beforeAll(async () => {
    app = await serveTinyApp(page);
  });
  test.afterAll(async () => {
    await app?.close();
  });
  return () => app!;
}
