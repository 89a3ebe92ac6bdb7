// Shapes of /api/realtime and of the /realtime WebSocket messages (src-server/routes/realtime, src-server/realtime/hub.ts).
/** A table of the supabase_realtime publication. */
export interface Subscription {
  schema: string;
  table: string;
  primary_key: string[];
  row_security: boolean;
  replica_identity: 'default' | 'full' | 'index' | 'nothing';
}

export interface RealtimeStatus {
  listener_connected: boolean;
  database: string;
  channels: string[];
  clients: number;
  clients_by_role: { anon: number; authenticated: number; service_role: number };
  phoenix_sockets: number;
  phoenix_channels: number;
  event_log_size: number;
  events_received: number;
  deliveries: number;
  visibility_checks: number;
  visibility_check_ms: number;
  broadcasts: number;
}

export type { ChannelBinding, LegacyChannelInfo, PhoenixChannelInfo, ConnectionInfo as RealtimeConnection } from '../../../src-server/realtime/wire-types';

export interface RealtimeEvent {
  schema: string;
  table: string;
  operation: 'INSERT' | 'UPDATE' | 'DELETE' | string;
  row: Record<string, unknown> | null;
  old_row: Record<string, unknown> | null;
  truncated: boolean;
  timestamp: string;
}

export type ServerMessage =
  | ({ type: 'event' } & RealtimeEvent)
  | { type: 'connected'; role: string; listener_connected: boolean; channels: string[] }
  | { type: 'channels'; channels: string[] }
  | { type: 'system'; status: 'disconnected' | 'reconnected' | string; message?: string; channels?: string[] }
  | { type: 'subscribed' | 'unsubscribed'; schema: string; table: string; channel_active: boolean }
  | { type: 'error'; code: string; message: string }
  | { type: 'pong' };
