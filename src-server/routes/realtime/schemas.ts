// Request and response schemas of the realtime routes.
import { Type } from '@sinclair/typebox';

const Identifier = Type.String({ minLength: 1, maxLength: 63 });

export const SubscribeBody = Type.Object({
  schema: Type.Optional(Identifier),
  table: Identifier,
}, { additionalProperties: false });

/** A table of the supabase_realtime publication (the first API called them subscriptions). */
export const SubscriptionSchema = Type.Object({
  schema: Type.String(),
  table: Type.String(),
  primary_key: Type.Array(Type.String()),
  row_security: Type.Boolean(),
  replica_identity: Type.Union([Type.Literal('default'), Type.Literal('full'), Type.Literal('index'), Type.Literal('nothing')]),
});

export const StatusSchema = Type.Object({
  listener_connected: Type.Boolean(),
  database: Type.String(),
  channels: Type.Array(Type.String()),
  clients: Type.Integer(),
  clients_by_role: Type.Object({ anon: Type.Integer(), authenticated: Type.Integer(), service_role: Type.Integer() }),
  phoenix_sockets: Type.Integer(),
  phoenix_channels: Type.Integer(),
  event_log_size: Type.Integer(),
  events_received: Type.Integer(),
  deliveries: Type.Integer(),
  /** Batched visibility checks run, and their total time in milliseconds. */
  visibility_checks: Type.Integer(),
  visibility_check_ms: Type.Integer(),
  broadcasts: Type.Integer(),
});

export const EventSchema = Type.Object({
  schema: Type.String(),
  table: Type.String(),
  operation: Type.String(),
  row: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  old_row: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  truncated: Type.Boolean(),
  timestamp: Type.String(),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const BindingSchema = Type.Object({
  id: Type.Integer(),
  event: Type.String(),
  schema: Type.String(),
  table: Nullable(Type.String()),
  filter: Nullable(Type.String()),
  error: Nullable(Type.String()),
});

const ChannelSchema = Type.Object({
  topic: Type.String(),
  private: Type.Boolean(),
  joined_at: Type.String(),
  role: Type.String(),
  sub: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
  bindings: Type.Array(BindingSchema),
  broadcast: Type.Object({ self: Type.Boolean(), ack: Type.Boolean() }),
  presence: Type.Object({ enabled: Type.Boolean(), key: Type.String(), members: Type.Integer() }),
});

const LegacyChannelSchema = Type.Object({ tables: Type.Array(Type.String()), excluded: Type.Array(Type.String()) });

export const ConnectionSchema = Type.Object({
  id: Type.String(),
  protocol: Type.Union([Type.Literal('phoenix'), Type.Literal('trestle')]),
  vsn: Nullable(Type.String()),
  role: Type.String(),
  via: Type.Union([Type.Literal('api_key'), Type.Literal('jwt'), Type.Literal('dashboard')]),
  key_prefix: Nullable(Type.String()),
  connected_at: Type.String(),
  channels: Type.Array(Type.Union([ChannelSchema, LegacyChannelSchema])),
});

export const SubscriptionList = Type.Object({ subscriptions: Type.Array(SubscriptionSchema) });
export const SubscriptionResponse = Type.Object({ subscription: SubscriptionSchema });
export const EventList = Type.Object({ events: Type.Array(EventSchema) });
export const ConnectionList = Type.Object({ connections: Type.Array(ConnectionSchema) });
export const V1Realtime = Type.Object({ status: StatusSchema, subscriptions: Type.Array(SubscriptionSchema) });

/** The WebSocket's query string (realtime-js: apikey, vsn, log_level). */
export const SocketQuery = Type.Object({
  apikey: Type.Optional(Type.String({ maxLength: 200 })),
  vsn: Type.Optional(Type.Union([Type.Literal('1.0.0'), Type.Literal('2.0.0')])),
  log_level: Type.Optional(Type.String({ maxLength: 20 })),
});

const Topic = Type.String({ minLength: 1, maxLength: 255 });
const EventName = Type.String({ minLength: 1, maxLength: 255 });

/** POST /realtime/v1/api/broadcast, as realtime-js sends it when a channel is not joined. */
export const BroadcastBody = Type.Object({
  messages: Type.Array(Type.Object({
    topic: Topic,
    event: EventName,
    payload: Type.Optional(Type.Unknown()),
    private: Type.Optional(Type.Boolean()),
  }), { minItems: 1, maxItems: 100 }),
});

/** POST /realtime/v1/api/broadcast/:topic/events/:event (realtime-js httpSend). */
export const BroadcastEventParams = Type.Object({ topic: Topic, event: EventName });
export const BroadcastEventQuery = Type.Object({ private: Type.Optional(Type.Boolean()) }, { additionalProperties: true });
