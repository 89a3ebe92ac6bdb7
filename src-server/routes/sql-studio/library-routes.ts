// Query history and saved queries, kept in the main database.
import type { FastifyInstance } from 'fastify';
import { audited } from '../../services/audit.js';
import { clearHistory, listHistory } from '../../studio/history.js';
import { createSaved, deleteSaved, getSaved, listSaved, updateSaved, type SavedQuery } from '../../studio/saved-queries.js';
import { who } from './actor.js';
import {
  CreateSavedBody, HistoryQuery, HistoryResponse, SavedIdParams, SavedListQuery, SavedListResponse, SavedResponse, UpdateSavedBody,
} from './schemas.js';

export default async function libraryRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const db = ctx.databases.control;

  app.get('/api/sql/history', { config: { access: 'dashboard' }, schema: { querystring: HistoryQuery, response: { 200: HistoryResponse } } }, async (request) => {
    const q = request.query as { search?: string; limit?: number; offset?: number };
    return listHistory(db, { ...q, search: q.search || undefined });
  });

  app.delete('/api/sql/history', { config: { access: 'dashboard' } }, async (request) => {
    const deleted = await audited(db, ctx.audit, who(request),
      (n: number) => ({ action: 'sql.history.clear', resourceType: 'sql_history', detail: { deleted: n } }),
      (client) => clearHistory(client));
    return { deleted };
  });

  app.get('/api/sql/saved-queries', { config: { access: 'dashboard' }, schema: { querystring: SavedListQuery, response: { 200: SavedListResponse } } }, async (request) => {
    const q = request.query as { search?: string; tag?: string };
    return { queries: await listSaved(db, { search: q.search || undefined, tag: q.tag || undefined }) };
  });

  app.get('/api/sql/saved-queries/:id', { config: { access: 'dashboard' }, schema: { params: SavedIdParams, response: { 200: SavedResponse } } }, async (request) => {
    return { query: await getSaved(db, (request.params as { id: string }).id) };
  });

  const entry = (action: string) => (q: SavedQuery) => ({ action, resourceType: 'saved_query', resourceId: q.id, detail: { name: q.name } });

  app.post('/api/sql/saved-queries', { config: { access: 'dashboard' }, schema: { body: CreateSavedBody, response: { 201: SavedResponse } } }, async (request, reply) => {
    const body = request.body as { name: string; sql: string; tags?: string[] };
    const query = await audited(db, ctx.audit, who(request), entry('saved_query.create'), (client) => createSaved(client, body));
    return reply.code(201).send({ query });
  });

  app.patch('/api/sql/saved-queries/:id', { config: { access: 'dashboard' }, schema: { params: SavedIdParams, body: UpdateSavedBody, response: { 200: SavedResponse } } }, async (request) => {
    const { id } = request.params as { id: string };
    const query = await audited(db, ctx.audit, who(request), entry('saved_query.update'),
      (client) => updateSaved(client, id, request.body as { name?: string; sql?: string; tags?: string[] }));
    return { query };
  });

  app.delete('/api/sql/saved-queries/:id', { config: { access: 'dashboard' }, schema: { params: SavedIdParams, response: { 200: SavedResponse } } }, async (request) => {
    const { id } = request.params as { id: string };
    const query = await audited(db, ctx.audit, who(request), entry('saved_query.delete'), (client) => deleteSaved(client, id));
    return { query };
  });
}
