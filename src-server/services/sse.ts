// Server-sent events for the dashboard: a stream per request (text/event-stream, kept alive with comments), closed
// when the client goes away or before the server closes (open streams would otherwise hold app.close() forever).
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SseStream {
  send(event: string, data: unknown): void;
  readonly closed: boolean;
}

const KEEPALIVE_MS = 25_000;

export class SseStreams {
  private open = new Set<PassThrough>();

  /** Starts an event stream as the reply; `onClose` runs once when it ends, whoever ends it. */
  start(request: FastifyRequest, reply: FastifyReply, onClose: () => void): SseStream {
    const stream = new PassThrough();
    this.open.add(stream);
    const keepalive = setInterval(() => stream.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      this.open.delete(stream);
      stream.end();
      onClose();
    };
    request.raw.on('close', close);
    stream.on('close', close);
    reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').header('x-accel-buffering', 'no');
    void reply.send(stream);
    stream.write('retry: 2000\n\n');
    return {
      send: (event, data) => {
        if (!closed) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      get closed() {
        return closed;
      },
    };
  }

  closeAll(): void {
    for (const s of this.open) s.end();
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }
}
