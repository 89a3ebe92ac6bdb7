// Request and response schemas of the webhook routes.
import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Event = Type.String({ maxLength: 16 });
const Identifier = Type.String({ minLength: 1, maxLength: 63 });
const Headers = Type.Record(Type.String(), Type.String());

export const WebhookIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const LogParams = Type.Object({ id: Type.String({ maxLength: 64 }), logId: Type.Integer({ minimum: 1 }) });

export const CreateWebhookBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  table_schema: Type.Optional(Identifier),
  table_name: Type.Optional(Identifier),
  events: Type.Optional(Type.Array(Event, { minItems: 1, maxItems: 3 })),
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  headers: Type.Optional(Headers),
  secret: Type.Optional(Nullable(Type.String({ maxLength: 512 }))),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const UpdateWebhookBody = Type.Object(CreateWebhookBody.properties, { additionalProperties: false, minProperties: 1 });

export const LogsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
}, { additionalProperties: false });

export const WebhookStatsSchema = Type.Object({
  delivered: Type.Integer(),
  failed: Type.Integer(),
  pending: Type.Integer(),
  last_fired_at: Nullable(Type.String()),
  last_status_code: Nullable(Type.Integer()),
  last_success: Nullable(Type.Boolean()),
  oldest_pending_at: Nullable(Type.String()),
  health: Type.Union([Type.Literal('paused'), Type.Literal('healthy'), Type.Literal('failing'), Type.Literal('idle')]),
});

export const WebhookSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  database: Type.String(),
  table_schema: Type.String(),
  table_name: Type.String(),
  events: Type.Array(Type.String()),
  url: Type.String(),
  headers: Headers,
  has_secret: Type.Boolean(),
  active: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
  stats: WebhookStatsSchema,
});

export const LogSchema = Type.Object({
  id: Type.Number(),
  webhook_id: Type.String(),
  event_id: Nullable(Type.String()),
  event: Type.String(),
  attempt: Type.Integer(),
  success: Type.Boolean(),
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  error: Nullable(Type.String()),
  request_body: Type.String(),
  payload: Type.Unknown(),
  response_body: Nullable(Type.String()),
  attempted_at: Type.String(),
});

export const SendResultSchema = Type.Object({
  success: Type.Boolean(),
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  response_body: Nullable(Type.String()),
  error: Nullable(Type.String()),
  log_id: Type.Number(),
});

export const WebhookList = Type.Object({ webhooks: Type.Array(WebhookSchema) });
export const WebhookResponse = Type.Object({ webhook: WebhookSchema });
export const WebhookDetail = Type.Object({ webhook: WebhookSchema, logs: Type.Array(LogSchema) });
export const LogList = Type.Object({ logs: Type.Array(LogSchema) });

export const CancelPendingResponse = Type.Object({
  cancelled: Type.Integer({ description: 'Pending deliveries removed from the outbox' }),
  in_flight: Type.Integer({ description: 'Of those, deliveries being sent at that moment (they may still arrive)' }),
});
