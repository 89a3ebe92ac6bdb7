// Request and response schemas of the realtime routes.
import { Type } from '@sinclair/typebox';

const Identifier = Type.String({ minLength: 1, maxLength: 63 });

export const SubscribeBody = Type.Object({
  schema: Type.Optional(Identifier),
  table: Identifier,
}, { additionalProperties: false });

export const SubscriptionSchema = Type.Object({
  schema: Type.String(),
  table: Type.String(),
  primary_key: Type.Array(Type.String()),
  row_security: Type.Boolean(),
});

export const StatusSchema = Type.Object({
  listener_connected: Type.Boolean(),
  database: Type.String(),
  channels: Type.Array(Type.String()),
  clients: Type.Integer(),
  clients_by_role: Type.Object({ anon: Type.Integer(), service_role: Type.Integer() }),
  event_log_size: Type.Integer(),
  events_received: Type.Integer(),
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

export const SubscriptionList = Type.Object({ subscriptions: Type.Array(SubscriptionSchema) });
export const SubscriptionResponse = Type.Object({ subscription: SubscriptionSchema });
export const EventList = Type.Object({ events: Type.Array(EventSchema) });
export const V1Realtime = Type.Object({ status: StatusSchema, subscriptions: Type.Array(SubscriptionSchema) });
