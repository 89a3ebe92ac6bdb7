import type { RequestLogEntry } from '../../data/logs/types';

export type StatusFilter = 'all' | '2xx' | '3xx' | '4xx' | '5xx' | 'errors';

export interface RequestFilter {
  status: StatusFilter;
  path: string;
  key: string;
}

export function matches(e: RequestLogEntry, f: RequestFilter): boolean {
  const cls = Math.floor(e.status / 100);
  if (f.status === 'errors' && e.status < 400) return false;
  if (f.status !== 'all' && f.status !== 'errors' && `${cls}xx` !== f.status) return false;
  if (f.path && !e.path.toLowerCase().includes(f.path.toLowerCase())) return false;
  if (f.key && (f.key === 'none' ? e.key_prefix !== null : e.key_prefix !== f.key)) return false;
  return true;
}
