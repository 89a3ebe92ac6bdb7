// Checks that a TCP port is free before a server tries to bind it, so the error names the port and its variable.
import net from 'node:net';

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly variable: string, what: string) {
    super(`${what} port ${port} is already in use. Stop whatever is listening there or set ${variable} to another port.`);
  }
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export const PORT_GRACE_AFTER_CRASH_MS = 2_000;

/**
 * `graceMs`: how long to wait for the port to be released, after a crash: a killed process's last threads can
 * still hold its sockets for a moment after it shows as gone.
 */
export async function assertPortFree(port: number, variable: string, what: string, host = '127.0.0.1', graceMs = 0): Promise<void> {
  if (port === 0) return;
  const until = Date.now() + graceMs;
  while (!(await isPortFree(port, host))) {
    if (Date.now() >= until) throw new PortInUseError(port, variable, what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
