// Registered OAuth clients (trestle.oauth2_clients): validation of a registration, the secret (random, shown once,
// kept as a SHA-256 digest), and the metadata oidc-provider reads for a client id.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { revokeClientArtifacts } from './artifacts.js';
import { oauth2Error } from './errors.js';
import {
  OAUTH2_GRANT_TYPES, OAUTH2_SCOPES, type CreateOAuth2Client, type CreatedOAuth2Client, type OAuth2Client, type OAuth2GrantType,
} from './wire-types.js';

/** A loopback redirect on any port (RFC 8252 §7.3), written with the port `*`: `http://localhost:*`, `http://127.0.0.1:*` + a path. */
const ANY_PORT_LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\*(\/[^#]*)?$/;
const MAX_URIS = 20;

interface ClientRow {
  client_id: string;
  name: string;
  client_secret_hash: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: OAuth2GrantType[];
  scopes: string[];
  created_at: string;
}

const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('base64url');

/** Constant-time check of a presented secret against the stored digest. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented));
  const b = Buffer.from(storedHash);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const toClient = (r: ClientRow): OAuth2Client => ({
  client_id: r.client_id, name: r.name, client_type: r.client_secret_hash ? 'confidential' : 'public',
  redirect_uris: r.redirect_uris, post_logout_redirect_uris: r.post_logout_redirect_uris, grant_types: r.grant_types,
  scopes: r.scopes, created_at: new Date(r.created_at).toISOString(),
});

function checkRedirectUri(uri: string, label: string): void {
  if (ANY_PORT_LOOPBACK.test(uri)) return;
  const parsed = URL.parse(uri);
  if (!parsed || uri.length > 2000) throw oauth2Error('INVALID_REDIRECT_URI', `${label}: "${uri.slice(0, 200)}" is not an absolute URL`);
  if (parsed.hash || uri.includes('#')) throw oauth2Error('INVALID_REDIRECT_URI', `${label}: "${uri}" must not have a fragment`);
  if (parsed.protocol === 'javascript:' || parsed.protocol === 'data:' || parsed.protocol === 'file:') {
    throw oauth2Error('INVALID_REDIRECT_URI', `${label}: the ${parsed.protocol} scheme is not allowed`);
  }
  if (parsed.username || parsed.password) throw oauth2Error('INVALID_REDIRECT_URI', `${label}: "${uri}" must not carry credentials`);
}

function checkUris(uris: string[], label: string): string[] {
  if (uris.length > MAX_URIS) throw oauth2Error('INVALID_REDIRECT_URI', `At most ${MAX_URIS} ${label}`);
  for (const uri of uris) checkRedirectUri(uri, label);
  return [...new Set(uris)];
}

/** The registration as it will be stored, or a 400 that says what is wrong. */
export function normalizeRegistration(input: CreateOAuth2Client): Omit<ClientRow, 'client_id' | 'client_secret_hash' | 'created_at'> & { confidential: boolean } {
  const name = input.name.trim();
  if (!name) throw oauth2Error('INVALID_CLIENT', 'name must not be empty');
  const confidential = (input.client_type ?? 'confidential') === 'confidential';
  const grantTypes: OAuth2GrantType[] = [...new Set(input.grant_types ?? ['authorization_code', 'refresh_token'] as const)];
  if (grantTypes.length === 0) throw oauth2Error('INVALID_CLIENT', 'grant_types must not be empty');
  for (const g of grantTypes) if (!(OAUTH2_GRANT_TYPES as readonly string[]).includes(g)) throw oauth2Error('INVALID_CLIENT', `Unknown grant type "${g}"`);
  if (!confidential && grantTypes.includes('client_credentials')) {
    throw oauth2Error('INVALID_CLIENT', 'A public client cannot use client_credentials', 'Make it confidential: client credentials need a secret');
  }
  if (grantTypes.includes('refresh_token') && !grantTypes.includes('authorization_code')) {
    throw oauth2Error('INVALID_CLIENT', 'refresh_token needs authorization_code: refresh tokens come from signing a user in');
  }
  const redirectUris = checkUris(input.redirect_uris ?? [], 'redirect_uris');
  if (grantTypes.includes('authorization_code') && redirectUris.length === 0) {
    throw oauth2Error('INVALID_REDIRECT_URI', 'authorization_code needs at least one redirect URI');
  }
  const scopes = [...new Set(input.scopes ?? ['openid', 'profile', 'email', 'offline_access'])];
  for (const s of scopes) if (!(OAUTH2_SCOPES as readonly string[]).includes(s)) throw oauth2Error('INVALID_CLIENT', `Unknown scope "${s}"`, `Known scopes: ${OAUTH2_SCOPES.join(', ')}`);
  return {
    name, confidential, grant_types: grantTypes, scopes, redirect_uris: redirectUris,
    post_logout_redirect_uris: checkUris(input.post_logout_redirect_uris ?? [], 'post_logout_redirect_uris'),
  };
}

/** A loopback redirect on any port is registered port-less for a native client, oidc-provider's form of that rule. */
function providerRedirects(uris: string[]): { uris: string[]; anyPort: boolean } {
  const anyPort = uris.some((u) => ANY_PORT_LOOPBACK.test(u));
  return { anyPort, uris: uris.map((u) => u.replace(ANY_PORT_LOOPBACK, (_m, host: string, path?: string) => `http://${host}${path ?? '/'}`)) };
}

const SELECT = `SELECT client_id, name, client_secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, scopes, created_at::text FROM trestle.oauth2_clients`;

export class ClientStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<OAuth2Client[]> {
    const { rows } = await this.db.query<ClientRow>(`${SELECT} ORDER BY created_at, client_id`);
    return rows.map(toClient);
  }

  async get(clientId: string, db: Queryable = this.db): Promise<ClientRow | undefined> {
    const { rows } = await db.query<ClientRow>(`${SELECT} WHERE client_id = $1`, [clientId]);
    return rows[0];
  }

  async create(input: CreateOAuth2Client, tx: pg.ClientBase): Promise<CreatedOAuth2Client> {
    const reg = normalizeRegistration(input);
    const secret = reg.confidential ? crypto.randomBytes(32).toString('base64url') : null;
    const { rows } = await tx.query<ClientRow>(
      `INSERT INTO trestle.oauth2_clients (client_id, name, client_secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, scopes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING client_id, name, client_secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, scopes, created_at::text`,
      [crypto.randomUUID(), reg.name, secret ? hashSecret(secret) : null, reg.redirect_uris, reg.post_logout_redirect_uris, reg.grant_types, reg.scopes],
    );
    return { client: toClient(rows[0]), client_secret: secret };
  }

  /** Deletes the client and everything issued to it: its grants, codes and tokens stop working at once. */
  async delete(clientId: string, tx: pg.ClientBase): Promise<{ client: OAuth2Client; revoked: number }> {
    const { rows } = await tx.query<ClientRow>(
      `DELETE FROM trestle.oauth2_clients WHERE client_id = $1
       RETURNING client_id, name, client_secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, scopes, created_at::text`, [clientId]);
    if (!rows[0]) throw oauth2Error('CLIENT_NOT_FOUND', `No OAuth client with id "${clientId.slice(0, 100)}"`);
    return { client: toClient(rows[0]), revoked: await revokeClientArtifacts(tx, clientId) };
  }

  /** The client as oidc-provider's metadata; `client_secret` holds the digest (compared by secretMatches). */
  async providerMetadata(clientId: string, db: Queryable = this.db): Promise<Record<string, unknown> | undefined> {
    const row = await this.get(clientId, db);
    if (!row) return undefined;
    const redirects = providerRedirects(row.redirect_uris);
    const logout = providerRedirects(row.post_logout_redirect_uris);
    return {
      client_id: row.client_id,
      client_name: row.name,
      ...(row.client_secret_hash
        ? { client_secret: row.client_secret_hash, token_endpoint_auth_method: 'client_secret_basic' }
        : { token_endpoint_auth_method: 'none' }),
      application_type: redirects.anyPort || logout.anyPort ? 'native' : 'web',
      redirect_uris: redirects.uris,
      post_logout_redirect_uris: logout.uris,
      grant_types: row.grant_types,
      response_types: row.grant_types.includes('authorization_code') ? ['code'] : [],
      scope: row.scopes.join(' '),
      id_token_signed_response_alg: 'RS256',
    };
  }
}
