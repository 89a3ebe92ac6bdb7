import { ApiRequestError, api } from '../../lib/api';
import type { DestructiveStatement } from './types';

/** The statements the server says need confirmation; null when the server has no analyzer. */
export async function analyzeSql(sql: string): Promise<DestructiveStatement[] | null> {
  try {
    const r = await api<{ destructive?: DestructiveStatement[]; statements?: number }>('/api/sql/analyze', { method: 'POST', body: { sql } });
    return r.destructive ?? [];
  } catch (err) {
    if (err instanceof ApiRequestError && (err.status === 404 || err.status === 501)) return null;
    throw err;
  }
}
