// API keys: creation (secret shown once), hashed lookup with an in-process cache, revoke, rotate, rate limits.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { ApiError } from '../errors.js';

export type KeyType = 'anon' | 'service_role';

export interface ApiKey {
  id: string;
  key_type: KeyType;
  label: string;
  key_prefix: string;
  /** Requests per minute; null: no limit. */
  rate_limit: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked: boolean;
}

export interface CreatedKey {
  key: ApiKey;
  secret: string;
}

const PREFIX: Record<KeyType, string> = { anon: 'truss_pk_', service_role: 'truss_sk_' };
/** Keys created without a limit get this many requests per minute; the two first-start keys get FIRST_KEYS_RATE_LIMIT. */
export const DEFAULT_RATE_LIMIT = 100;
export const FIRST_KEYS_RATE_LIMIT = 100_000;
/** Unknown secrets remembered (so floods of them cost no query); the oldest are forgotten first. */
const NEGATIVE_CACHE_SIZE = 10_000;
const iso = (col: string) => `to_json(${col}) #>> '{}' AS ${col}`;
const COLUMNS = `id, key_type, label, key_prefix, rate_limit, ${iso('created_at')}, ${iso('last_used_at')}, ${iso('revoked_at')}, (revoked_at IS NOT NULL) AS revoked`;

export const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest();
/** Hashes of secrets sent lately (a Map lookup costs a fraction of a SHA-256); the oldest are forgotten first. */
const recentHashes = new Map<string, string>();
const RECENT_HASHES = 10_000;
/** The same hash as hex, remembered for secrets sent again (the request path hashes every key it is sent). */
function secretHash(secret: string): string {
  let hash = recentHashes.get(secret);
  if (hash === undefined) {
    hash = crypto.hash('sha256', secret, 'hex');
    if (recentHashes.size >= RECENT_HASHES) recentHashes.delete(recentHashes.keys().next().value!);
    recentHashes.set(secret, hash);
  }
  return hash;
}

export function generateSecret(type: KeyType): string {
  return PREFIX[type] + crypto.randomBytes(32).toString('base64url');
}

export function keyTypeOfSecret(secret: string): KeyType | undefined {
  if (secret.startsWith(PREFIX.anon)) return 'anon';
  if (secret.startsWith(PREFIX.service_role)) return 'service_role';
  return undefined;
}

export class KeyService {
  /** Known secrets (by hash) → their key, revoked ones included; cleared whenever keys change. */
  private cache = new Map<string, ApiKey>();
  /** Hashes that matched no key, oldest first; bounded, and never a reason to forget the known keys. */
  private unknown = new Set<string>();
  /** Hashes that once matched an active key. Bounded by the number of keys ever created. */
  private known = new Set<string>();
  private usedSince = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private changeListeners = new Set<() => void>();

  constructor(private readonly db: Database) {}

  startUsageFlush(intervalMs = 5_000): void {
    this.flushTimer = setInterval(() => void this.flushUsage().catch(() => undefined), intervalMs);
    this.flushTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.flushUsage().catch(() => undefined);
  }

  /** Keys changed (here, or in another process: NOTIFY trestle_keys); the cache is cleared and listeners told. */
  invalidate(): void {
    this.cache.clear();
    this.unknown.clear();
    for (const listener of this.changeListeners) listener();
  }

  /** Told whenever keys may have changed (created, revoked, rotated, edited): holders of long-lived sockets recheck. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async list(): Promise<ApiKey[]> {
    const { rows } = await this.db.query<ApiKey>(`SELECT ${COLUMNS} FROM trestle.api_keys ORDER BY created_at, id`);
    return rows;
  }

  /** Pass the mutation's client when inside a transaction, so the read does not need a second connection. */
  async get(id: string, client?: pg.ClientBase): Promise<ApiKey> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ApiError(404, 'KEY_NOT_FOUND', `No API key with id "${id}"`);
    const run: Queryable = client ?? this.db;
    const { rows } = await run.query<ApiKey>(`SELECT ${COLUMNS} FROM trestle.api_keys WHERE id = $1`, [id]);
    if (!rows[0]) throw new ApiError(404, 'KEY_NOT_FOUND', `No API key with id "${id}"`);
    return rows[0];
  }

  async create(
    input: { keyType: KeyType; label?: string; rateLimit?: number | null; secret?: string },
    client?: pg.ClientBase,
  ): Promise<CreatedKey> {
    const secret = input.secret ?? generateSecret(input.keyType);
    const run: Queryable = client ?? this.db;
    const { rows } = await run.query<ApiKey>(
      `INSERT INTO trestle.api_keys (key_type, label, key_prefix, key_hash, rate_limit)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [input.keyType, input.label ?? '', secret.slice(0, 12), hashSecret(secret), input.rateLimit === undefined ? DEFAULT_RATE_LIMIT : input.rateLimit],
    );
    this.invalidate();
    return { key: rows[0], secret };
  }

  /** `rateLimit: null` switches the limit off; undefined leaves it. */
  async update(id: string, patch: { label?: string; rateLimit?: number | null }, client?: pg.ClientBase): Promise<ApiKey> {
    await this.get(id, client);
    const run: Queryable = client ?? this.db;
    const { rows } = await run.query<ApiKey>(
      `UPDATE trestle.api_keys SET label = coalesce($2, label), rate_limit = CASE WHEN $4 THEN $3 ELSE rate_limit END
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, patch.label ?? null, patch.rateLimit ?? null, patch.rateLimit !== undefined],
    );
    this.invalidate();
    return rows[0];
  }

  async revoke(id: string, client?: pg.ClientBase): Promise<ApiKey> {
    await this.get(id, client);
    const run: Queryable = client ?? this.db;
    const { rows } = await run.query<ApiKey>(
      `UPDATE trestle.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    this.invalidate();
    return rows[0];
  }

  /** A new key of the same type, label and limit; the old one revoked in the same transaction. */
  async rotate(id: string, client: pg.ClientBase): Promise<{ oldKey: ApiKey; created: CreatedKey }> {
    const old = await this.get(id, client);
    if (old.revoked) throw new ApiError(409, 'KEY_REVOKED', 'A revoked key cannot be rotated');
    const created = await this.create({ keyType: old.key_type, label: old.label, rateLimit: old.rate_limit }, client);
    const oldKey = await this.revoke(id, client);
    return { oldKey, created };
  }

  /** Ensures a pinned secret (TRESTLE_ANON_KEY / TRESTLE_SERVICE_KEY) exists as an active key. */
  async ensurePinned(keyType: KeyType, secret: string, label: string): Promise<void> {
    await this.db.query(
      `INSERT INTO trestle.api_keys (key_type, label, key_prefix, key_hash, rate_limit) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key_hash) DO UPDATE SET revoked_at = NULL`,
      [keyType, label, secret.slice(0, 12), hashSecret(secret), FIRST_KEYS_RATE_LIMIT],
    );
    this.invalidate();
  }

  async count(): Promise<{ total: number; active: number; anon: number; service_role: number }> {
    const { rows } = await this.db.query<{ total: number; active: number; anon: number; service_role: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE revoked_at IS NULL)::int AS active,
              count(*) FILTER (WHERE revoked_at IS NULL AND key_type = 'anon')::int AS anon,
              count(*) FILTER (WHERE revoked_at IS NULL AND key_type = 'service_role')::int AS service_role
       FROM trestle.api_keys`,
    );
    return rows[0];
  }

  /** Whether a secret has authenticated before (kept across cache clears; a throttled address may still use it). */
  isKnown(secret: string): boolean {
    return this.known.has(secretHash(secret));
  }

  /**
   * Returns the active key for a secret, or null; a promise only when the secret is not in the cache (the cache is
   * cleared whenever keys change), so the request path stays synchronous for the keys it has seen.
   */
  authenticate(secret: string): ApiKey | null | Promise<ApiKey | null> {
    if (!keyTypeOfSecret(secret) || secret.length > 200) return null;
    const hash = secretHash(secret);
    if (this.unknown.has(hash)) return null;
    const key = this.cache.get(hash);
    return key === undefined ? this.lookUp(hash) : this.use(hash, key);
  }

  private async lookUp(hash: string): Promise<ApiKey | null> {
    const { rows } = await this.db.query<ApiKey>(`SELECT ${COLUMNS} FROM trestle.api_keys WHERE key_hash = $1`, [Buffer.from(hash, 'hex')]);
    if (!rows[0]) {
      if (this.unknown.size >= NEGATIVE_CACHE_SIZE) this.unknown.delete(this.unknown.values().next().value!);
      this.unknown.add(hash);
      return null;
    }
    this.cache.set(hash, rows[0]);
    return this.use(hash, rows[0]);
  }

  private use(hash: string, key: ApiKey): ApiKey | null {
    if (key.revoked) return null;
    this.known.add(hash);
    this.usedSince.add(key.id);
    return key;
  }

  private async flushUsage(): Promise<void> {
    if (this.usedSince.size === 0) return;
    const ids = [...this.usedSince];
    this.usedSince.clear();
    await this.db.query('UPDATE trestle.api_keys SET last_used_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  }
}
