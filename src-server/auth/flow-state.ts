// PKCE (auth.flow_state): a flow is created with the client's code challenge when a link is sent; verifying the link
// issues its auth code (redirect ?code=…); POST /token?grant_type=pkce trades the code and verifier for a session.
import crypto from 'node:crypto';
import type { Tx } from './db.js';
import { authError } from './errors.js';

const AUTH_CODE_LIFETIME_MS = 5 * 60_000;

/** A PKCE flow; `userId` is null for a social sign-in (the user is known only when the provider calls back). Returns its id. */
export async function createFlowState(tx: Tx, userId: string | null, pkce: { challenge: string; method: string }, authenticationMethod: string, providerType = 'email'): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, created_at, updated_at, authentication_method)
     VALUES (gen_random_uuid(), $1, $2, $3::auth.code_challenge_method, $4, $5, now(), now(), $6) RETURNING id::text`,
    [userId, crypto.randomUUID(), pkce.method, pkce.challenge, providerType, authenticationMethod],
  );
  return rows[0].id;
}

/** A social sign-in's flow, now that the provider said who signed in: its auth code, issued now (null if gone or used). */
export async function issueFlowAuthCode(tx: Tx, flowId: string, userId: string): Promise<string | null> {
  const { rows } = await tx.query<{ auth_code: string }>(
    `UPDATE auth.flow_state SET user_id = $2, auth_code_issued_at = now(), updated_at = now()
      WHERE id = $1 AND user_id IS NULL RETURNING auth_code`, [flowId, userId]);
  return rows[0]?.auth_code ?? null;
}

/** The auth code of the user's latest flow for this method, marked issued now. */
export async function issueAuthCode(tx: Tx, userId: string, authenticationMethods: string[]): Promise<string | null> {
  const { rows } = await tx.query<{ auth_code: string }>(
    `UPDATE auth.flow_state SET auth_code_issued_at = now(), updated_at = now()
      WHERE id = (SELECT id FROM auth.flow_state WHERE user_id = $1 AND authentication_method = ANY($2) ORDER BY created_at DESC LIMIT 1)
      RETURNING auth_code`, [userId, authenticationMethods]);
  return rows[0]?.auth_code ?? null;
}

/** Checks the verifier against the stored challenge and consumes the flow. */
export async function exchangeAuthCode(tx: Tx, authCode: string, verifier: string, now = Date.now()): Promise<{ userId: string; authenticationMethod: string }> {
  const { rows } = await tx.query<{ id: string; user_id: string | null; code_challenge: string; code_challenge_method: string; authentication_method: string; issued_ms: number | null; created_ms: number }>(
    `SELECT id, user_id, code_challenge, code_challenge_method::text, authentication_method,
            (extract(epoch FROM auth_code_issued_at) * 1000)::float8 AS issued_ms, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
       FROM auth.flow_state WHERE auth_code = $1 FOR UPDATE`, [authCode]);
  const flow = rows[0];
  if (!flow || !flow.user_id) throw authError('flow_state_not_found');
  if (now > (flow.issued_ms ?? flow.created_ms) + AUTH_CODE_LIFETIME_MS) {
    await tx.query('DELETE FROM auth.flow_state WHERE id = $1', [flow.id]);
    throw authError('flow_state_expired');
  }
  const computed = flow.code_challenge_method === 's256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(flow.code_challenge);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) throw authError('bad_code_verifier');
  await tx.query('DELETE FROM auth.flow_state WHERE id = $1', [flow.id]);
  return { userId: flow.user_id, authenticationMethod: flow.authentication_method };
}
