// The contract's error body as a shared schema, referenced by the documented 4xx/5xx responses of every route.
import { Type, type Static } from '@sinclair/typebox';

export const ErrorBody = Type.Object({
  error: Type.String({ description: 'Human-readable message' }),
  message: Type.String({ description: 'Same as error (PostgREST clients read this)' }),
  code: Type.String({ description: 'Postgres SQLSTATE, PGRST… code or an upper-case Trestle code' }),
  detail: Type.Unknown({ description: 'More detail, or null' }),
  details: Type.Unknown({ description: 'Same as detail' }),
  hint: Type.Union([Type.String(), Type.Null()], { description: 'How to fix it, or null' }),
}, { $id: 'ErrorBody', additionalProperties: true, description: 'Every error of the API has this shape' });

export type ErrorBodyType = Static<typeof ErrorBody>;

/** A response entry pointing at the shared ErrorBody schema. */
export const errorRef = (description: string) => ({ description, $ref: 'ErrorBody#' });

/** Responses every route documents unless it states its own. */
export const DEFAULT_ERROR_RESPONSES = {
  '4xx': errorRef('Client error (bad input, missing or insufficient credentials, not found…)'),
  '5xx': errorRef('Server or database error'),
};
