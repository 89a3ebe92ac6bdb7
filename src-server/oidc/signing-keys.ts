// The provider's signing keys (trestle.oauth2_signing_keys): RS256 key pairs with a `kid`, one signing at a time.
// Rotating makes a new key the signer and retires the old one, which stays published (and able to verify) until
// the last token it signed has expired; then it is dropped.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type pg from 'pg';
import type { Database } from '../db/database.js';
import type { OAuth2SigningKey } from './wire-types.js';

export const SIGNING_ALG = 'RS256';

interface KeyRow {
  kid: string;
  alg: string;
  private_jwk: JWK;
  created_at: string;
  retired_at: string | null;
}

async function newKey(): Promise<{ kid: string; jwk: JWK }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, jwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
}

// Serialises first-start key creation and rotations across processes sharing the database.
const KEYS_LOCK = 7_461_095;

export class OidcSigningKeys {
  private rows: KeyRow[] = [];

  /** `maxTokenLifetimeS`: how long a retired key must stay published (the longest-lived token it can have signed). */
  constructor(private readonly db: Database, private readonly maxTokenLifetimeS: number) {}

  /** Loads the keys, creating the first one on first start; drops retired keys nothing can still need. */
  async load(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK]);
      await tx.query(`DELETE FROM trestle.oauth2_signing_keys WHERE retired_at < now() - make_interval(secs => $1)`, [this.maxTokenLifetimeS]);
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM trestle.oauth2_signing_keys WHERE retired_at IS NULL`);
      if (rows[0].n === 0) {
        const key = await newKey();
        await tx.query(`INSERT INTO trestle.oauth2_signing_keys (kid, alg, private_jwk) VALUES ($1, $2, $3)`, [key.kid, SIGNING_ALG, JSON.stringify(key.jwk)]);
      }
    });
    const { rows } = await this.db.query<KeyRow>(
      `SELECT kid, alg, private_jwk, created_at::text, retired_at::text FROM trestle.oauth2_signing_keys ORDER BY retired_at IS NOT NULL, created_at DESC`);
    this.rows = rows;
  }

  /** A new signing key in the caller's transaction (the current one is retired but still published); `load` after commit. */
  async rotate(tx: pg.ClientBase): Promise<string> {
    const key = await newKey();
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK]);
    await tx.query(`UPDATE trestle.oauth2_signing_keys SET retired_at = now() WHERE retired_at IS NULL`);
    await tx.query(`INSERT INTO trestle.oauth2_signing_keys (kid, alg, private_jwk) VALUES ($1, $2, $3)`, [key.kid, SIGNING_ALG, JSON.stringify(key.jwk)]);
    return key.kid;
  }

  /**
   * The private keys for oidc-provider, the signer first. Retired keys may only verify (`key_ops`), so the provider
   * never picks them to sign; it publishes all of them at the jwks_uri (public parts only).
   */
  providerJwks(): { keys: JWK[] } {
    return { keys: this.rows.map((r) => (r.retired_at ? { ...r.private_jwk, key_ops: ['verify'] } : r.private_jwk)) };
  }

  /** A retired key has outlived every token it signed (load() then drops it). */
  hasExpiredKeys(nowMs = Date.now()): boolean {
    return this.rows.some((r) => r.retired_at !== null && Date.parse(r.retired_at) + this.maxTokenLifetimeS * 1000 < nowMs);
  }

  summary(): OAuth2SigningKey[] {
    return this.rows.map((r) => ({
      kid: r.kid, alg: r.alg, created_at: new Date(r.created_at).toISOString(),
      retired_at: r.retired_at ? new Date(r.retired_at).toISOString() : null,
      published_until: r.retired_at ? new Date(Date.parse(r.retired_at) + this.maxTokenLifetimeS * 1000).toISOString() : null,
    }));
  }
}
