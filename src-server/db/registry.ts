// Pools by database name, and which database is active: the main one, or a branch that was activated.
import { Database } from './database.js';

export class DatabaseRegistry {
  private pools = new Map<string, Database>();
  private activeName: string;
  private activeChangeHandlers = new Set<(name: string) => void>();

  constructor(private readonly urlFor: (database: string) => string, readonly mainName: string) {
    this.activeName = mainName;
  }

  get(name: string): Database {
    let db = this.pools.get(name);
    if (!db) {
      db = new Database(this.urlFor(name), name);
      this.pools.set(name, db);
    }
    return db;
  }

  /** Trestle's own tables (keys, settings, audit…) always live in the main database. */
  get control(): Database {
    return this.get(this.mainName);
  }

  /** User data: the main database, or the active branch. */
  get active(): Database {
    return this.get(this.activeName);
  }

  get activeDatabaseName(): string {
    return this.activeName;
  }

  setActive(name: string): void {
    if (name === this.activeName) return;
    this.activeName = name;
    for (const handler of this.activeChangeHandlers) handler(name);
  }

  /** Told the new name whenever another database becomes active (branch activation, back to main). */
  onActiveChange(handler: (name: string) => void): () => void {
    this.activeChangeHandlers.add(handler);
    return () => this.activeChangeHandlers.delete(handler);
  }

  url(name: string): string {
    return this.urlFor(name);
  }

  async forget(name: string): Promise<void> {
    const db = this.pools.get(name);
    this.pools.delete(name);
    await db?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pools.values()].map((db) => db.close()));
    this.pools.clear();
  }
}
