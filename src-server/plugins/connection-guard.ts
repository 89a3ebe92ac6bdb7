// Keeps the server answering while clients hold connections open without using them (slowloris, leaked
// keep-alives): past a soft limit below the process's file-descriptor limit, the connection idle the longest (no
// request in flight) is closed to make room, so new connections are always accepted.
import fs from 'node:fs';
import type http from 'node:http';
import type net from 'node:net';

const FD_HEADROOM = 512;
const FALLBACK_LIMIT = 8_192;

/** The soft "Max open files" limit minus room for Postgres connections, files and logs. */
export function connectionSoftLimit(): number {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (Number.isFinite(soft) && soft > 0) return Math.max(256, soft - FD_HEADROOM);
  } catch {
    // Not Linux: fall back.
  }
  return FALLBACK_LIMIT;
}

export function guardConnections(server: http.Server, softLimit = connectionSoftLimit()): void {
  // Insertion order is idle age: the first entry has been idle the longest.
  const idle = new Set<net.Socket>();
  let open = 0;
  server.on('connection', (socket: net.Socket) => {
    open++;
    idle.add(socket);
    socket.once('close', () => {
      open--;
      idle.delete(socket);
    });
    while (open > softLimit && idle.size > 1) {
      const oldest = idle.values().next().value!;
      idle.delete(oldest);
      oldest.destroy();
    }
  });
  // A WebSocket is a live connection, never a candidate for closing.
  server.on('upgrade', (request: http.IncomingMessage) => void idle.delete(request.socket));
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    idle.delete(socket);
    response.once('finish', () => {
      if (!socket.destroyed) idle.add(socket);
    });
  });
}
