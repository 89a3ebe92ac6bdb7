// Who made a studio request, for audit entries.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';

export const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
