// The errors of Trestle's OAuth2 management API (/v1/oauth2/*, /api/oauth2/*) in one table. The protocol endpoints
// (token, userinfo, authorize…) answer oidc-provider's standard OAuth errors instead.
import { ApiError } from '../errors.js';

export const OAUTH2_ERRORS = {
  INVALID_CLIENT: [400, 'The client registration is not valid'],
  INVALID_REDIRECT_URI: [400, 'A redirect URI is not valid'],
  CLIENT_NOT_FOUND: [404, 'OAuth client not found'],
} as const satisfies Record<string, readonly [number, string]>;

export type OAuth2ErrorCode = keyof typeof OAUTH2_ERRORS;

export function oauth2Error(code: OAuth2ErrorCode, message?: string, hint?: string): ApiError {
  const [status, fallback] = OAUTH2_ERRORS[code];
  return new ApiError(status, code, message ?? fallback, { hint });
}
