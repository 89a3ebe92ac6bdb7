// Probes the active database: reachable, how fast, which version, how big.
import type { TrestleContext } from '../../context.js';

export async function databaseHealth(ctx: TrestleContext) {
  const db = ctx.databases.active;
  const t0 = performance.now();
  try {
    const { rows } = await db.query<{ version: string; size: string }>(
      `SELECT current_setting('server_version') AS version, pg_database_size(current_database())::text AS size`,
    );
    return {
      connected: true, name: db.name, embedded: ctx.postgres.embedded, version: rows[0].version,
      size_bytes: Number(rows[0].size), latency_ms: Math.round((performance.now() - t0) * 100) / 100,
    };
  } catch (err) {
    return { connected: false, name: db.name, embedded: ctx.postgres.embedded, version: null, size_bytes: null, latency_ms: null, error: (err as Error).message };
  }
}

const READY_TIMEOUT_MS = 2_000;

/** One round trip on the API pool, bounded in time (a hung database must not hang the probe). */
export async function databaseReady(ctx: TrestleContext): Promise<{ ok: true; latencyMs: number } | { ok: false; error: string }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([ctx.databases.activeApi.query('SELECT 1'), timeout]);
    return { ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
