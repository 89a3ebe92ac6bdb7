// Secrets that arrive in URLs (API keys for WebSockets, signed-URL and email-link tokens) are cut out before logging.
const SECRET_PARAMS = /([?&](?:apikey|api_key|token|access_token|refresh_token|token_hash|code|code_verifier|password|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.includes('=') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}

/** pino paths of credentials that must never be written (if a header object is ever logged). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization', 'req.headers.apikey', 'req.headers["x-api-key"]', 'req.headers.cookie',
  'headers.authorization', 'headers.apikey', 'headers["x-api-key"]', 'headers.cookie', 'res.headers["set-cookie"]',
];
