// Key/value settings kept in trestle.settings (JSON values).
import type { Database } from '../db/database.js';

export class SettingsService {
  constructor(private readonly db: Database) {}

  async get<T>(key: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ value: T }>('SELECT value FROM trestle.settings WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO trestle.settings (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  /** Writes the value only when the key has none yet (first start, two processes racing: the first one wins). */
  async insertIfAbsent(key: string, value: unknown): Promise<void> {
    await this.db.query('INSERT INTO trestle.settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, JSON.stringify(value)]);
  }
}
