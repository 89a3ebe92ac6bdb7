// oidc-provider's storage adapter over Postgres (trestle.oauth2_artifacts in the main database): sessions,
// interactions, grants, codes and tokens, one row per (model, id) with the columns the provider looks them up by.
// Clients are not artefacts: the `Client` model reads the registered clients (clients.ts).
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Database } from '../db/database.js';
import type { ClientStore } from './clients.js';

interface Row {
  payload: AdapterPayload;
  consumed: number | null;
}

const SELECT = `SELECT payload, (extract(epoch FROM consumed_at))::int AS consumed FROM trestle.oauth2_artifacts`;
const LIVE = `(expires_at IS NULL OR expires_at > now())`;

const withConsumed = (row: Row | undefined): AdapterPayload | undefined =>
  row ? (row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed }) : undefined;

class ArtifactAdapter implements Adapter {
  constructor(private readonly db: Database, private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const clientId = payload.clientId ?? (payload.params?.client_id as string | undefined) ?? null;
    await this.db.query(
      `INSERT INTO trestle.oauth2_artifacts (model, id, payload, client_id, grant_id, uid, user_code, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(secs => $8::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, client_id = excluded.client_id, grant_id = excluded.grant_id,
         uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
      [this.model, id, JSON.stringify(payload), clientId, payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, expiresIn ?? null],
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE model = $1 AND id = $2 AND ${LIVE}`, [this.model, id]);
    return withConsumed(rows[0]);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE model = $1 AND uid = $2 AND ${LIVE} LIMIT 1`, [this.model, uid]);
    return withConsumed(rows[0]);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.query<Row>(`${SELECT} WHERE model = $1 AND user_code = $2 AND ${LIVE} LIMIT 1`, [this.model, userCode]);
    return withConsumed(rows[0]);
  }

  async consume(id: string): Promise<void> {
    await this.db.query(`UPDATE trestle.oauth2_artifacts SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query(`DELETE FROM trestle.oauth2_artifacts WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query(`DELETE FROM trestle.oauth2_artifacts WHERE grant_id = $1`, [grantId]);
  }
}

/** Registered clients, read-only: registration happens through Trestle's API, never through the provider. */
class ClientAdapter implements Adapter {
  constructor(private readonly clients: ClientStore) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    return (await this.clients.providerMetadata(id)) as AdapterPayload | undefined;
  }

  async upsert(): Promise<void> {
    throw new Error('clients are registered through /v1/oauth2/clients');
  }

  async findByUid(): Promise<undefined> {
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(): Promise<void> {}

  async destroy(): Promise<void> {}

  async revokeByGrantId(): Promise<void> {}
}

export function artifactAdapters(db: Database, clients: ClientStore): AdapterFactory {
  return (model: string) => (model === 'Client' ? new ClientAdapter(clients) : new ArtifactAdapter(db, model));
}

/** Drops expired artefacts (the adapter already ignores them; this keeps the table small). */
export async function sweepExpiredArtifacts(db: Database): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM trestle.oauth2_artifacts WHERE expires_at <= now()`);
  return rowCount ?? 0;
}

/** Everything issued to a client (codes, tokens, grants, interactions): deleted with the client. */
export async function revokeClientArtifacts(db: Pick<Database, 'query'>, clientId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM trestle.oauth2_artifacts WHERE client_id = $1`, [clientId]);
  return rowCount ?? 0;
}
