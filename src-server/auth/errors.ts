// GoTrue's error table: every error the auth module answers, with GoTrue's code, HTTP status and default message,
// and the wire body auth-js reads (api version 2024-01-01: `code` is the string code; legacy fields kept too).
import { isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';

export const AUTH_ERRORS = {
  validation_failed: [400, 'Invalid request'],
  bad_json: [400, 'Could not parse request body as JSON'],
  invalid_credentials: [400, 'Invalid login credentials'],
  email_not_confirmed: [400, 'Email not confirmed'],
  phone_not_confirmed: [400, 'Phone not confirmed'],
  user_banned: [400, 'User is banned'],
  refresh_token_not_found: [400, 'Invalid Refresh Token: Refresh Token Not Found'],
  refresh_token_already_used: [400, 'Invalid Refresh Token: Already Used'],
  session_expired: [400, 'Invalid Refresh Token: Session Expired'],
  email_provider_disabled: [400, 'Email logins are disabled'],
  provider_disabled: [400, 'Provider is not enabled'],
  web3_provider_disabled: [400, 'Web3 provider is disabled'],
  saml_provider_disabled: [404, 'SAML 2.0 is disabled'],
  manual_linking_disabled: [404, 'Manual linking is disabled'],
  phone_provider_disabled: [400, 'Phone logins are disabled'],
  no_authorization: [401, 'This endpoint requires a valid Bearer token'],
  no_api_key: [401, 'No API key found in request'],
  invalid_api_key: [401, 'Invalid API key'],
  bad_jwt: [403, 'invalid JWT: unable to parse or verify signature'],
  not_admin: [403, 'User not allowed'],
  user_not_found: [404, 'User not found'],
  session_not_found: [403, 'Session from session_id claim in JWT does not exist'],
  otp_expired: [403, 'Token has expired or is invalid'],
  bad_code_verifier: [403, 'code challenge does not match previously saved code verifier'],
  flow_state_not_found: [404, 'invalid flow state, no valid flow state found'],
  flow_state_expired: [403, 'Flow state has expired'],
  insufficient_aal: [403, 'AAL2 session is required to perform this action'],
  user_already_exists: [422, 'User already registered'],
  email_exists: [422, 'A user with this email address has already been registered'],
  phone_exists: [422, 'A user with this phone number has already been registered'],
  weak_password: [422, 'Password should be at least 6 characters.'],
  reauthentication_not_valid: [400, 'Requires reauthentication'],
  same_password: [422, 'New password should be different from the old password.'],
  signup_disabled: [422, 'Signups not allowed for this instance'],
  anonymous_provider_disabled: [422, 'Anonymous sign-ins are disabled'],
  otp_disabled: [422, 'Signups not allowed for otp'],
  email_address_invalid: [400, 'Unable to validate email address: invalid format'],
  mfa_totp_enroll_not_enabled: [422, 'MFA enroll is disabled for TOTP'],
  mfa_totp_verify_not_enabled: [422, 'MFA verification is disabled for TOTP'],
  mfa_phone_enroll_not_enabled: [422, 'MFA enroll is disabled for Phone'],
  mfa_webauthn_enroll_not_enabled: [422, 'MFA enroll is disabled for WebAuthn'],
  mfa_factor_not_found: [404, 'Factor not found'],
  mfa_challenge_expired: [400, 'MFA challenge has expired, verify against another challenge or create a new challenge.'],
  mfa_verification_failed: [422, 'Invalid TOTP code entered'],
  mfa_factor_name_conflict: [422, 'A factor with the friendly name already exists for this user'],
  mfa_verified_factor_exists: [422, 'A verified phone factor already exists, unenroll the existing factor to continue'],
  too_many_enrolled_mfa_factors: [422, 'Maximum number of verified factors reached, unenroll to continue'],
  over_request_rate_limit: [429, 'Request rate limit reached'],
  over_email_send_rate_limit: [429, 'Email rate limit exceeded'],
  over_sms_send_rate_limit: [429, 'SMS rate limit exceeded'],
  request_timeout: [504, 'Processing this request timed out, please retry after a moment.'],
  unexpected_failure: [500, 'Unexpected failure, please check server logs for more information'],
} as const satisfies Record<string, readonly [number, string]>;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends Error {
  readonly status: number;
  constructor(readonly code: AuthErrorCode | string, message?: string, status?: number, readonly extra: Record<string, unknown> = {}) {
    const known = AUTH_ERRORS[code as AuthErrorCode] as readonly [number, string] | undefined;
    super(message ?? known?.[1] ?? code);
    this.status = status ?? known?.[0] ?? 400;
  }
}

export const authError = (code: AuthErrorCode, message?: string, extra?: Record<string, unknown>) =>
  new AuthError(code, message, undefined, extra);

/** The body of an error response: auth-js reads `code` (with the api-version header), older clients `error_code`/`msg`. */
export function authErrorBody(err: AuthError): Record<string, unknown> {
  return { code: err.code, error_code: err.code, msg: err.message, message: err.message, ...err.extra };
}

const FROM_API_CODES: Record<string, AuthErrorCode> = {
  MISSING_API_KEY: 'no_api_key',
  INVALID_API_KEY: 'invalid_api_key',
  PGRST301: 'bad_jwt',
  PGRST302: 'no_authorization',
  PGRST303: 'bad_jwt',
  RATE_LIMITED: 'over_request_rate_limit',
  INSUFFICIENT_PERMISSIONS: 'not_admin',
  INVALID_JSON: 'bad_json',
};

/** Errors from shared plumbing (the auth hook, Fastify's validation, the database) in GoTrue's terms. */
export function toAuthError(err: unknown): AuthError {
  if (err instanceof AuthError) return err;
  if (err instanceof ApiError) {
    const code = FROM_API_CODES[err.code];
    if (code === 'bad_jwt') return authError('bad_jwt', `invalid JWT: unable to parse or verify signature, ${err.message}`);
    if (code) return new AuthError(code, err.message, err.statusCode);
    if (err.statusCode >= 500) return new AuthError('unexpected_failure', err.message, err.statusCode);
    return new AuthError(err.code.toLowerCase(), err.message, err.statusCode);
  }
  const fe = err as { validation?: unknown; statusCode?: number; code?: string; message?: string };
  if (fe && Array.isArray(fe.validation)) return authError('validation_failed', fe.message ?? 'Invalid request');
  if (fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return authError('bad_json', `Could not parse request body as JSON: ${fe.message}`);
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AuthError('validation_failed', fe.message, fe.statusCode);
  }
  if (isDatabaseError(err)) {
    if ((err as { code?: string }).code === '57014') return authError('request_timeout');
    // GoTrue says only "Database error …"; locally the reason (a trigger on auth.users lacking a grant, say) is the
    // useful part, so it is kept.
    return new AuthError('unexpected_failure', `Database error: ${(err as Error).message}`, 500);
  }
  return authError('unexpected_failure');
}
