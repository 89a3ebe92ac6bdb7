// Load generator for bench/edge, run as its own process: `bodies <url> <key> <clients>` sends 16 MB request bodies
// in a loop; `idle <url> <count>` holds that many connections that send half a request and then nothing (slowloris).
// Prints one JSON line when told to stop (SIGTERM).
import http from 'node:http';
import net from 'node:net';

const [mode, url, ...rest] = process.argv.slice(2);
const target = new URL(url);
let stopping = false;
/** `open`: connections open right now. */
const stats = { requests: 0, statuses: {} as Record<string, number>, open: 0, closedByServer: 0, failedToOpen: 0 };

function bigBody(): Buffer {
  // A JSON string of 16 MB inside a valid SQL request: the worst case a route with a large limit must parse.
  return Buffer.from(JSON.stringify({ sql: `select 1 -- ${'x'.repeat(16 * 1024 * 1024 - 32)}` }));
}

async function sendBodies(key: string, clients: number): Promise<void> {
  const body = bigBody();
  const paths = ['/v1/sql', '/v1/db/items'];
  const one = (path: string) => new Promise<void>((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, path, method: 'POST', agent: false,
      headers: { apikey: key, 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      stats.statuses[res.statusCode ?? 0] = (stats.statuses[res.statusCode ?? 0] ?? 0) + 1;
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => {
      stats.statuses.error = (stats.statuses.error ?? 0) + 1;
      resolve();
    });
    req.end(body);
  });
  await Promise.all(Array.from({ length: clients }, async (_, i) => {
    while (!stopping) {
      await one(paths[i % paths.length]);
      stats.requests++;
    }
  }));
}

/** Opens `count` connections that send half a request, and keeps that many open: each one the server closes is replaced. */
async function holdIdle(count: number): Promise<void> {
  const openOne = () => new Promise<void>((resolve) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port) }, () => {
      stats.open++;
      socket.write(`GET /healthz HTTP/1.1\r\nHost: ${target.host}\r\n`);
      resolve();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (socket.bytesWritten > 0) {
        stats.open--;
        stats.closedByServer++;
      } else {
        stats.failedToOpen++;
      }
      resolve();
      if (!stopping) setTimeout(() => void openOne(), 10);
    });
  });
  const batch = 500;
  for (let opened = 0; opened < count && !stopping; opened += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - opened) }, openOne));
  }
  process.stdout.write(JSON.stringify({ ready: true, open: stats.open }) + '\n');
  setInterval(() => undefined, 1 << 30);
}

process.on('SIGTERM', () => {
  stopping = true;
  process.stdout.write(JSON.stringify(stats) + '\n');
  process.exit(0);
});

if (mode === 'bodies') void sendBodies(rest[0], Number(rest[1]));
else if (mode === 'idle') void holdIdle(Number(rest[0]));
else throw new Error(`unknown mode ${mode}`);
