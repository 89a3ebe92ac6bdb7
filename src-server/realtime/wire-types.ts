// What /api/realtime/connections answers about each open socket (type-only: the dashboard imports these too).

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

export interface ConnectionInfo {
  id: string;
  protocol: 'phoenix' | 'trestle';
  vsn: string | null;
  role: string;
  via: 'api_key' | 'jwt' | 'dashboard';
  key_prefix: string | null;
  connected_at: string;
  channels: Array<PhoenixChannelInfo | LegacyChannelInfo>;
}
