// Request and response schemas of the API key routes.
import { Type } from '@sinclair/typebox';

export const KeyType = Type.Union([Type.Literal('anon'), Type.Literal('service_role')]);

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  key_type: KeyType,
  label: Type.String(),
  key_prefix: Type.String(),
  /** Requests per minute; null: no limit (load tests). */
  rate_limit: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
});

export const KeyIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Label = Type.String({ maxLength: 200 });
/** 1–100000 requests per minute, or null for no limit. */
// One JSON-schema type list (not anyOf), so coercion never turns 0 or "" into null.
const RateLimit = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 100000 });

/** Dashboard shape: {keyType, label, rate_limit}; the management API's: {key_type, label, rate_limit}. */
export const CreateKeyBody = Type.Object({
  keyType: Type.Optional(KeyType),
  key_type: Type.Optional(KeyType),
  label: Type.Optional(Label),
  rate_limit: Type.Optional(RateLimit),
}, { additionalProperties: false });

export const UpdateKeyBody = Type.Object({
  label: Type.Optional(Label),
  rate_limit: Type.Optional(RateLimit),
}, { additionalProperties: false, minProperties: 1 });

export const KeyList = Type.Object({ keys: Type.Array(ApiKeySchema) });
export const CreatedKeyResponse = Type.Object({ key: ApiKeySchema, secret: Type.String() });
export const KeyResponse = Type.Object({ key: ApiKeySchema });
export const RotatedKeyResponse = Type.Object({
  old_key_id: Type.String(),
  old_key_revoked: Type.Boolean(),
  new_key: ApiKeySchema,
  secret: Type.String(),
});
