// node:http and node:https through require rather than `import`: an ESM import of node:http builds a facade that reads
// every export, and reading http.WebSocket and its siblings loads Node's own undici, ≈ 25 ms of a warm start for
// classes Trestle never uses.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const http = require('node:http') as typeof import('node:http');
export const https = require('node:https') as typeof import('node:https');
