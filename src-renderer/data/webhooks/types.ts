// Shapes of /api/webhooks (src-server/routes/webhooks/schemas.ts).
export type WebhookEvent = 'INSERT' | 'UPDATE' | 'DELETE';
export const WEBHOOK_EVENTS: WebhookEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

export interface WebhookStats {
  delivered: number;
  failed: number;
  pending: number;
  last_fired_at: string | null;
  last_status_code: number | null;
  last_success: boolean | null;
  oldest_pending_at: string | null;
  health: 'paused' | 'healthy' | 'failing' | 'idle';
}

export interface Webhook {
  id: string;
  name: string;
  database: string;
  table_schema: string;
  table_name: string;
  events: string[];
  url: string;
  headers: Record<string, string>;
  has_secret: boolean;
  active: boolean;
  created_at: string;
  updated_at: string;
  stats: WebhookStats;
}

export interface WebhookLog {
  id: number;
  webhook_id: string;
  event_id: string | null;
  event: string;
  attempt: number;
  success: boolean;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  request_body: string;
  payload: unknown;
  response_body: string | null;
  attempted_at: string;
}

export interface SendResult {
  success: boolean;
  status_code: number | null;
  latency_ms: number;
  response_body: string | null;
  error: string | null;
  log_id: number;
}

/** Create and update bodies; `secret: null` removes the secret, omitted keeps it. */
export interface WebhookInput {
  name?: string;
  table_schema?: string;
  table_name?: string;
  events?: string[];
  url?: string;
  headers?: Record<string, string>;
  secret?: string | null;
  active?: boolean;
}
