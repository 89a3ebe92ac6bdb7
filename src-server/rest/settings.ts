// The data API's settings that PostgREST calls db-tx-end, db-aggregates-enabled, db-plan-enabled and db-max-rows:
// defaults from the environment (TRESTLE_DB_*), overridden like PostgREST's in-database configuration by
// `ALTER ROLE authenticator SET pgrst.db_… = …` (read with the schema cache, reloaded with it or on NOTIFY pgrst).
export type TxEnd = 'commit' | 'commit-allow-override' | 'rollback' | 'rollback-allow-override';
const TX_ENDS: readonly TxEnd[] = ['commit', 'commit-allow-override', 'rollback', 'rollback-allow-override'];

export interface DataApiSettings {
  txEnd: TxEnd;
  aggregatesEnabled: boolean;
  planEnabled: boolean;
  /** PostgREST's db-max-rows: a cap on the rows a read returns on /rest/v1 (none by default). */
  maxRows: number | null;
}

export const DEFAULT_SETTINGS: DataApiSettings = { txEnd: 'commit', aggregatesEnabled: false, planEnabled: false, maxRows: null };

type Raw = Partial<Record<'tx_end' | 'aggregates_enabled' | 'plan_enabled' | 'max_rows', string>>;

function parseBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['true', 'on', '1', 'yes'].includes(s)) return true;
  if (['false', 'off', '0', 'no'].includes(s)) return false;
  return undefined;
}

/** Applies raw values over `base`; a value that does not parse is reported through `bad` and ignored. */
function apply(base: DataApiSettings, raw: Raw, bad: (name: string, value: string) => void): DataApiSettings {
  const out = { ...base };
  if (raw.tx_end !== undefined) {
    const v = raw.tx_end.trim() as TxEnd;
    if (TX_ENDS.includes(v)) out.txEnd = v;
    else bad('tx_end', raw.tx_end);
  }
  for (const [key, field] of [['aggregates_enabled', 'aggregatesEnabled'], ['plan_enabled', 'planEnabled']] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    const b = parseBool(value);
    if (b === undefined) bad(key, value);
    else out[field] = b;
  }
  if (raw.max_rows !== undefined) {
    const s = raw.max_rows.trim();
    if (s === '') out.maxRows = null;
    else if (/^\d{1,9}$/.test(s)) out.maxRows = Number(s);
    else bad('max_rows', raw.max_rows);
  }
  return out;
}

/** TRESTLE_DB_TX_END, TRESTLE_DB_AGGREGATES_ENABLED, TRESTLE_DB_PLAN_ENABLED, TRESTLE_DB_MAX_ROWS. */
export function settingsFromEnv(env: NodeJS.ProcessEnv, bad: (variable: string, value: string) => never): DataApiSettings {
  return apply(DEFAULT_SETTINGS, {
    tx_end: env.TRESTLE_DB_TX_END, aggregates_enabled: env.TRESTLE_DB_AGGREGATES_ENABLED,
    plan_enabled: env.TRESTLE_DB_PLAN_ENABLED, max_rows: env.TRESTLE_DB_MAX_ROWS,
  }, (name, value) => bad(`TRESTLE_DB_${name.toUpperCase()}`, value));
}

/** The authenticator role's `pgrst.db_*` settings (database-specific ones win over global ones). */
export const ROLE_SETTINGS_SQL = `
  SELECT split_part(kv, '=', 1) AS key, substr(kv, strpos(kv, '=') + 1) AS value
  FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole, unnest(s.setconfig) AS kv
  WHERE r.rolname = 'authenticator' AND s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    AND kv LIKE 'pgrst.db\\_%'
  ORDER BY s.setdatabase`;

export function withRoleSettings(base: DataApiSettings, rows: Array<{ key: string; value: string }>): DataApiSettings {
  const raw: Raw = {};
  for (const { key, value } of rows) {
    const name = key.slice('pgrst.db_'.length);
    if (name === 'tx_end' || name === 'aggregates_enabled' || name === 'plan_enabled' || name === 'max_rows') raw[name] = value;
  }
  return apply(base, raw, () => undefined);
}
