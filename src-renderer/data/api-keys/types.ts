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

/** A secret shown once: after create or rotate. */
export interface RevealedSecret {
  key: ApiKey;
  secret: string;
  rotatedFrom?: string;
}
