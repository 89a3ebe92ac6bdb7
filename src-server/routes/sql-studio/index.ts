// The dashboard's SQL studio (/api/sql/*): table editor reads and writes, schema changes, SQL console,
// history and saved queries. Logic lives in src-server/studio/; these plugins only route.
import type { FastifyInstance } from 'fastify';
import consoleRoutes from './console-routes.js';
import catalogRoutes from './catalog-routes.js';
import ddlRoutes from './ddl-routes.js';
import gridRoutes from './grid-routes.js';
import libraryRoutes from './library-routes.js';

export default async function sqlStudioRoutes(app: FastifyInstance) {
  await app.register(catalogRoutes);
  await app.register(gridRoutes);
  await app.register(ddlRoutes);
  await app.register(consoleRoutes);
  await app.register(libraryRoutes);
}
