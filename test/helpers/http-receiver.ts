// A real HTTP receiver on 127.0.0.1 for webhook tests and the benchmark: records every request, answers as told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; schema: string; table: string; row: Record<string, unknown> | null; old_row: Record<string, unknown> | null; timestamp: string };
  at: number;
}

export type Responder = (req: Received, index: number) => { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

export class HttpReceiver {
  readonly received: Received[] = [];
  private server?: http.Server;
  respond: Responder = () => ({ status: 200, body: 'ok' });
  port = 0;
  private waiters: Array<() => void> = [];

  /** Listens on `port` (0: a free one; reuse the previous port to bring a receiver "back"). */
  async start(port = this.port): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Received['json'];
        try {
          json = JSON.parse(body);
        } catch {
          json = null as never;
        }
        const r: Received = { path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
        const index = this.received.push(r) - 1;
        const answer = this.respond(r, index);
        const send = () => {
          res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          res.end(answer.body ?? '');
          for (const w of this.waiters.splice(0)) w();
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once `predicate` holds over the received requests; rejects after timeoutMs. */
  async waitFor(predicate: (received: Received[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`receiver: condition not met after ${timeoutMs} ms (${this.received.length} requests received)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
