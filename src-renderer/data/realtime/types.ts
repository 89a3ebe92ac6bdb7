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

export interface ChannelBinding {
  id: number;
  event: string;
  schema: string;
  table: string | null;
  filter: string | null;
  error: string | null;
}

/** A joined channel of a Phoenix socket (supabase-js). */
export interface PhoenixChannelInfo {
  topic: string;
  private: boolean;
  joined_at: string;
  role: string;
  sub: string | null;
  expires_at: string | null;
  bindings: ChannelBinding[];
  broadcast: { self: boolean; ack: boolean };
  presence: { enabled: boolean; key: string; members: number };
}

/** What a client of the first /realtime protocol follows. */
export interface LegacyChannelInfo {
  tables: string[];
  excluded: string[];
}

export interface RealtimeConnection {
  id: string;
  protocol: 'phoenix' | 'trestle';
  vsn: string | null;
  role: string;
  via: 'api_key' | 'jwt' | 'dashboard';
  key_prefix: string | null;
  connected_at: string;
  channels: Array<PhoenixChannelInfo | LegacyChannelInfo>;
}

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
