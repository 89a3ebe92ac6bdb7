// Recognises the 409 TEMPLATE_IN_USE answer of branch and backup copies: other clients hold the source open.
import type { ForeignConnection } from '../data/branches/types';
import { ApiRequestError } from './api';

export interface Blocked {
  database: string;
  connections: ForeignConnection[];
}

export function blockingConnections(error: unknown): Blocked | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'TEMPLATE_IN_USE') return null;
  const detail = (error.detail ?? {}) as { database?: string | string[]; connections?: ForeignConnection[] };
  const database = Array.isArray(detail.database) ? detail.database.join(', ') : detail.database ?? 'the database';
  return { database, connections: Array.isArray(detail.connections) ? detail.connections : [] };
}
