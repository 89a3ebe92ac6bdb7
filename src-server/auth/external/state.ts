// The `state` of a social sign-in between /authorize and the stand-in page: which provider, where to send the browser
// back, the PKCE flow (if any) and a nonce also kept in a cookie of the browser that started it. Signed with a key
// derived from the project secret (never the secret itself, so a state can never pass for an access token).
import crypto from 'node:crypto';
import type { ExternalProvider } from './providers.js';

export interface StandInState {
  provider: ExternalProvider;
  redirectTo: string;
  flowStateId: string | null;
  nonce: string;
  /** Unix seconds. */
  exp: number;
}

/** GoTrue's state lives 5 minutes; picking an identity by hand takes longer. */
export const STATE_LIFETIME_S = 15 * 60;

const keyFor = (secret: string) => crypto.createHmac('sha256', secret).update('trestle oauth stand-in state').digest();

export function signState(state: StandInState, secret: string): string {
  const body = Buffer.from(JSON.stringify(state)).toString('base64url');
  const mac = crypto.createHmac('sha256', keyFor(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The state if its signature is right and it has not expired; null otherwise. */
export function readState(token: string, secret: string, nowS = Math.floor(Date.now() / 1000)): StandInState | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = crypto.createHmac('sha256', keyFor(secret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let state: StandInState;
  try {
    state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StandInState;
  } catch {
    return null;
  }
  return typeof state.exp === 'number' && state.exp > nowS ? state : null;
}
