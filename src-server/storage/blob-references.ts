// Which blobs are still referenced: the union of storage.objects.version over every database that may be served —
// main, its branches and its backups. Backups accept no connections, so each is opened briefly once and its
// (immutable) set is kept for the life of the process.
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { quoteIdent } from '../db/quote.js';
import { withAdmin, withDirect } from '../branches/admin.js';

interface ServedDatabase {
  name: string;
  oid: number;
  closed: boolean;
}

const READ_VERSIONS = `SELECT DISTINCT version FROM storage.objects WHERE version IS NOT NULL`;

async function readVersions(client: pg.ClientBase, into: Set<string>): Promise<void> {
  const { rows: present } = await client.query<{ ok: boolean }>(`SELECT to_regclass('storage.objects') IS NOT NULL AS ok`);
  if (!present[0].ok) return;
  const { rows } = await client.query<{ version: string }>(READ_VERSIONS);
  for (const r of rows) into.add(r.version);
}

async function servedDatabases(ctx: TrestleContext): Promise<ServedDatabase[]> {
  const { rows } = await ctx.databases.control.query<ServedDatabase>(
    `SELECT d.datname AS name, d.oid::int AS oid, NOT d.datallowconn AS closed FROM pg_database d
      WHERE d.datname = $1
         OR d.datname IN (SELECT database_name FROM trestle.branches WHERE status <> 'deleted')
         OR d.datname IN (SELECT database_name FROM trestle.backups WHERE status <> 'deleted')`,
    [ctx.databases.mainName]);
  return rows;
}

export class BlobReferences {
  /** Per closed (backup) database, keyed by name and oid: its rows never change while it stays closed. */
  private readonly closedSets = new Map<string, Set<string>>();

  constructor(private readonly ctx: TrestleContext) {}

  /** Throws when any database cannot be read: a sweep must then delete nothing. */
  async collect(): Promise<Set<string>> {
    const refs = new Set<string>();
    for (const db of await servedDatabases(this.ctx)) {
      if (!db.closed) {
        await withDirect(this.ctx, db.name, (c) => readVersions(c, refs));
        continue;
      }
      const key = `${db.name}:${db.oid}`;
      let set = this.closedSets.get(key);
      if (!set) {
        set = await this.readClosed(db.name);
        this.closedSets.set(key, set);
      }
      for (const v of set) refs.add(v);
    }
    return refs;
  }

  private async readClosed(name: string): Promise<Set<string>> {
    const set = new Set<string>();
    await withAdmin(this.ctx, async (admin) => {
      await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS true`);
      try {
        await withDirect(this.ctx, name, (c) => readVersions(c, set));
      } finally {
        await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS false`);
      }
    });
    return set;
  }
}
