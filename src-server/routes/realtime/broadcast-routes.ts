// Broadcast over HTTP, as realtime-js sends it: a batch of messages (send() before a channel is joined) or one event
// with a JSON or binary body (httpSend()). Private topics need an INSERT policy on realtime.messages.
import type { FastifyInstance } from 'fastify';
import { BroadcastHttpError } from '../../realtime/errors.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import { connectionIdentity } from '../../realtime/identity.js';
import type { BroadcastMessage } from '../../realtime/topics.js';
import { BroadcastBody, BroadcastEventParams, BroadcastEventQuery } from './schemas.js';

const MAX_BINARY_BODY = 1024 * 1024;

export function broadcastRoutes(app: FastifyInstance, hub: RealtimeHub): void {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_BINARY_BODY }, (_request, body, done) => done(null, body));

  app.post('/realtime/v1/api/broadcast', { config: { access: 'client' }, schema: { body: BroadcastBody } }, async (request, reply) => {
    const { messages } = request.body as { messages: Array<{ topic: string; event: string; payload?: unknown; private?: boolean }> };
    const denied = await hub.broadcastFromHttp(connectionIdentity(request.auth), messages.map((m) => ({
      topic: m.topic, private: m.private === true,
      message: { kind: 'json', event: m.event, json: JSON.stringify({ type: 'broadcast', event: m.event, payload: m.payload ?? {} }) } as BroadcastMessage,
    })));
    if (denied) throw BroadcastHttpError.unauthorized(denied);
    return reply.code(202).send();
  });

  app.post('/realtime/v1/api/broadcast/:topic/events/:event', {
    config: { access: 'client' }, schema: { params: BroadcastEventParams, querystring: BroadcastEventQuery },
  }, async (request, reply) => {
    const { topic, event } = request.params as { topic: string; event: string };
    const body = request.body;
    if (body === undefined || body === null) throw BroadcastHttpError.invalid('a payload is required');
    const message: BroadcastMessage = Buffer.isBuffer(body)
      ? { kind: 'user', user: { event, encoding: 'binary', data: body } }
      : { kind: 'json', event, json: JSON.stringify({ type: 'broadcast', event, payload: body }) };
    const isPrivate = (request.query as { private?: boolean }).private === true;
    const denied = await hub.broadcastFromHttp(connectionIdentity(request.auth), [{ topic, private: isPrivate, message }]);
    if (denied) throw BroadcastHttpError.unauthorized(denied);
    return reply.code(202).send();
  });
}
