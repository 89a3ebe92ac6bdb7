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

export async function assertPortFree(port: number, variable: string, what: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  if (!(await isPortFree(port, host))) throw new PortInUseError(port, variable, what);
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
