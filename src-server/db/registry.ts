// Pools by database name (an owner pool and an authenticator pool each), and which database is active: the main
// one, or a branch that was activated.
import { authenticatorUrl } from './authenticator.js';
import { Database } from './database.js';

/** Connections of the authenticator pool that anon/authenticated requests may not take (service_role keeps them). */
const API_POOL_RESERVED = 2;

export class DatabaseRegistry {
  private pools = new Map<string, Database>();
  private apiPools = new Map<string, Database>();
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

  /** User-facing queries on a database: the authenticator login, which can only SET ROLE to the API roles. */
  api(name: string): Database {
    let db = this.apiPools.get(name);
    if (!db) {
      db = new Database(authenticatorUrl(this.urlFor(name)), name, 10, { reserved: API_POOL_RESERVED });
      this.apiPools.set(name, db);
    }
    return db;
  }

  /** Both pools of a database paused and emptied (a template copy needs a database nobody is connected to). */
  async pauseAndDrain(name: string): Promise<() => void> {
    const resumeOwner = await this.get(name).pauseAndDrain();
    const resumeApi = await this.api(name).pauseAndDrain();
    return () => {
      resumeApi();
      resumeOwner();
    };
  }

  /** Trestle's own tables (keys, settings, audit…) always live in the main database. */
  get control(): Database {
    return this.get(this.mainName);
  }

  /** User data, as the owner: the main database, or the active branch. */
  get active(): Database {
    return this.get(this.activeName);
  }

  /** User data, for user-facing queries (the data API, storage, realtime checks). */
  get activeApi(): Database {
    return this.api(this.activeName);
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
    const dbs = [this.pools.get(name), this.apiPools.get(name)];
    this.pools.delete(name);
    this.apiPools.delete(name);
    await Promise.all(dbs.map((db) => db?.close()));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pools.values(), ...this.apiPools.values()].map((db) => db.close()));
    this.pools.clear();
    this.apiPools.clear();
  }
}
