import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_SETTINGS, withRoleSettings } from './settings.js';

describe('data API settings', () => {
  it('come from TRESTLE_DB_* and refuse values that do not parse', () => {
    expect(loadConfig({}).dataApi).toEqual(DEFAULT_SETTINGS);
    expect(loadConfig({ TRESTLE_DB_TX_END: 'rollback-allow-override', TRESTLE_DB_AGGREGATES_ENABLED: 'true', TRESTLE_DB_PLAN_ENABLED: 'on', TRESTLE_DB_MAX_ROWS: '50' }).dataApi)
      .toEqual({ txEnd: 'rollback-allow-override', aggregatesEnabled: true, planEnabled: true, maxRows: 50 });
    expect(() => loadConfig({ TRESTLE_DB_TX_END: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRESTLE_DB_MAX_ROWS: '-1' })).toThrow(/TRESTLE_DB_MAX_ROWS/);
  });

  it('the authenticator role\u2019s pgrst.db_* settings override them (later rows win; bad values are ignored)', () => {
    expect(withRoleSettings(DEFAULT_SETTINGS, [
      { key: 'pgrst.db_aggregates_enabled', value: 'true' }, { key: 'pgrst.db_tx_end', value: 'commit-allow-override' },
      { key: 'pgrst.db_max_rows', value: 'many' }, { key: 'pgrst.db_plan_enabled', value: 'false' }, { key: 'pgrst.db_aggregates_enabled', value: 'false' },
    ])).toEqual({ txEnd: 'commit-allow-override', aggregatesEnabled: false, planEnabled: false, maxRows: null });
  });
});
