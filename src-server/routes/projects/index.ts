// The local project (/v1/projects): read it, rename it, pause or resume it. While paused, the data API
// (/v1/db, /v1/sql) answers 503 PROJECT_PAUSED; the hook is global so it covers routes of other plugins too.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { audited } from '../../services/audit.js';
import { ProjectDetail, ProjectIdParams, ProjectList, UpdateProjectBody } from './schemas.js';
import { auditActionFor, projectDetail, projectRow, projectRows, updateProject, type ProjectRow, type ProjectStatus } from './projects-service.js';

const DATA_API = /^\/v1\/(db|sql)(\/|\?|$)/;
const LOCAL_PROJECT = 'local';

export default fp(async function projectsRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const config = { access: 'service_role' as const };
  let status: ProjectStatus = (await projectRow(ctx, LOCAL_PROJECT)).status;

  // Runs after the auth hook (registered earlier), so a missing or wrong key still gets its 401/403.
  app.addHook('onRequest', async (request) => {
    if (status === 'paused' && DATA_API.test(request.url)) {
      throw new ApiError(503, 'PROJECT_PAUSED', 'The project is paused: the data API is unavailable until it is resumed', {
        hint: 'Resume it with PATCH /v1/projects/local {"status":"active"} or from the dashboard',
      });
    }
  });

  app.get('/v1/projects', { config, schema: { response: { 200: ProjectList } } }, async () => ({
    projects: await Promise.all((await projectRows(ctx)).map((row) => projectDetail(ctx, row))),
  }));

  app.get('/v1/projects/:id', { config, schema: { params: ProjectIdParams, response: { 200: ProjectDetail } } }, async (request) => {
    const { id } = request.params as { id: string };
    return projectDetail(ctx, await projectRow(ctx, id));
  });

  app.patch('/v1/projects/:id', { config, schema: { params: ProjectIdParams, body: UpdateProjectBody, response: { 200: ProjectDetail } } }, async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const body = request.body as { name?: string; status?: ProjectStatus };
    const { after } = await audited(ctx.databases.control, ctx.audit, { id: request.id, actor: actorOf(request.auth) },
      (r: { before: ProjectRow; after: ProjectRow }) => ({
        action: auditActionFor(r.before, r.after), resourceType: 'project', resourceId: id,
        detail: { before: { name: r.before.name, status: r.before.status }, after: { name: r.after.name, status: r.after.status } },
      }),
      (client) => updateProject(client, ctx, id, { name: body.name?.trim(), status: body.status }));
    if (after.id === LOCAL_PROJECT) status = after.status;
    return projectDetail(ctx, after);
  });
}, { name: 'trestle-projects' });
