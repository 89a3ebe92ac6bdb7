// A module's start-up work (loading rules, caches, keys; cleaning up after the last run) begins when the module is
// registered and the server's ready() waits for it: the modules' start-up queries run while the other modules register
// their routes instead of one module after another, and no request is served before all of them are done.
import type { FastifyInstance } from 'fastify';

export function startBeforeReady(app: FastifyInstance, started: Promise<unknown>): void {
  started.catch(() => undefined); // awaited, and so reported, by the onReady hook below
  app.addHook('onReady', async () => {
    await started;
  });
}
