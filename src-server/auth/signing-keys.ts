// The keys that sign access tokens: the project's HS256 secret, and an ES256 key pair with a `kid` made at first
// start and kept in trestle.settings (main database). Only the public half ever leaves this module (the JWKS).
import crypto from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, type CryptoKey } from 'jose';
import { signJwt } from '../security/jwt.js';
import type { SettingsService } from '../services/settings.js';
import type { SigningKeyChoice } from './settings.js';

interface StoredKey {
  kid: string;
  alg: 'ES256';
  private_jwk: JWK;
  public_jwk: JWK;
  created_at: string;
}

const KEY = 'auth.signing_keys';

export class SigningKeys {
  private es256?: { kid: string; key: CryptoKey; publicJwk: JWK };
  constructor(private readonly settings: SettingsService, private readonly secret: string) {}

  /** Loads the ES256 key, creating it on first start (two processes racing keep the first one written). */
  async load(): Promise<void> {
    let stored = await this.settings.get<{ keys: StoredKey[] }>(KEY);
    if (!stored?.keys?.length) {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      const entry: StoredKey = { kid, alg: 'ES256', private_jwk: await exportJWK(privateKey), public_jwk: publicJwk, created_at: new Date().toISOString() };
      await this.settings.insertIfAbsent(KEY, { keys: [entry] });
      stored = await this.settings.get<{ keys: StoredKey[] }>(KEY);
    }
    const entry = stored!.keys[0];
    this.es256 = { kid: entry.kid, key: await importJWK(entry.private_jwk, 'ES256') as CryptoKey, publicJwk: entry.public_jwk };
  }

  /** What /auth/v1/.well-known/jwks.json publishes (GoTrue omits symmetric keys). */
  jwks(): JSONWebKeySet {
    if (!this.es256) return { keys: [] };
    return { keys: [{ ...this.es256.publicJwk, kid: this.es256.kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }] };
  }

  async sign(claims: Record<string, unknown>, choice: SigningKeyChoice): Promise<string> {
    if (choice === 'es256' && this.es256) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: this.es256.kid, typ: 'JWT' }).sign(this.es256.key);
    }
    // HS256 through node:crypto directly (synchronous, no WebCrypto round trip): refreshes are on the hot path.
    return signJwt(claims, this.secret);
  }
}

/** An opaque random string (refresh tokens, auth codes). */
export function randomToken(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
