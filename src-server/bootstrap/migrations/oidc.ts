// The OIDC provider's state in the main database (versions 95–99): registered clients (secrets only as SHA-256
// digests), oidc-provider's artefacts (sessions, interactions, grants, codes, tokens) and its signing keys, so sign-ins,
// refresh tokens and keys survive a restart.
import type { Migration } from './core.js';

export const oidcMigrations: Migration[] = [
  {
    version: 95,
    name: 'oidc provider: clients, artefacts and signing keys',
    sql: `
      CREATE TABLE trestle.oauth2_clients (
        client_id text PRIMARY KEY,
        name text NOT NULL,
        client_secret_hash text,
        redirect_uris text[] NOT NULL,
        post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
        grant_types text[] NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      COMMENT ON COLUMN trestle.oauth2_clients.client_secret_hash IS 'base64url SHA-256 of the secret (shown once); null for public clients';

      CREATE TABLE trestle.oauth2_artifacts (
        model text NOT NULL,
        id text NOT NULL,
        payload jsonb NOT NULL,
        client_id text,
        grant_id text,
        uid text,
        user_code text,
        expires_at timestamptz,
        consumed_at timestamptz,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX oauth2_artifacts_grant_id_idx ON trestle.oauth2_artifacts (grant_id) WHERE grant_id IS NOT NULL;
      CREATE INDEX oauth2_artifacts_client_id_idx ON trestle.oauth2_artifacts (client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX oauth2_artifacts_uid_idx ON trestle.oauth2_artifacts (model, uid) WHERE uid IS NOT NULL;
      CREATE INDEX oauth2_artifacts_user_code_idx ON trestle.oauth2_artifacts (model, user_code) WHERE user_code IS NOT NULL;
      CREATE INDEX oauth2_artifacts_expires_at_idx ON trestle.oauth2_artifacts (expires_at);

      CREATE TABLE trestle.oauth2_signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      );
      COMMENT ON COLUMN trestle.oauth2_signing_keys.retired_at IS 'when a newer key took over signing; still published until the tokens it signed expired';
    `,
  },
];
