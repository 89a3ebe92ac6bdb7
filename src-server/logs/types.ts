// Shapes of the dashboard's logs, shared with the renderer (type-only: no imports, nothing that runs).

export type RequestSource = 'app' | 'dashboard';

export interface RequestLogEntry {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  /** First characters of the API key (as listed on the keys page), or null. */
  key_prefix: string | null;
  /** anon, service_role, authenticated (a user JWT), dashboard, or none. */
  role: string;
  source: RequestSource;
  request_id: string;
}

export type PostgresLogKind = 'error' | 'warning' | 'slow' | 'info';

export interface PostgresLogEntry {
  id: number;
  at: string;
  pid: number;
  level: string;
  kind: PostgresLogKind;
  message: string;
  statement: string | null;
  detail: string | null;
  hint: string | null;
  duration_ms: number | null;
}

export interface PostgresLogResponse {
  available: boolean;
  /** Why the log cannot be shown (an external database). */
  reason: string | null;
  slow_statement_ms: number | null;
  entries: PostgresLogEntry[];
}
