// How CREATE DATABASE … TEMPLATE copies: the fastest strategy the server offers for a database of a given size.
import type pg from 'pg';
import { quoteIdent } from '../db/quote.js';

export type CopyMethod = 'file_copy_clone' | 'file_copy' | 'wal_log';

/**
 * Below this size WAL_LOG is faster; from it on FILE_COPY (cloned where the server can) wins: FILE_COPY pays two
 * checkpoints up front but then copies whole files instead of WAL-logging every block.
 * Measured with `npx tsx bench/branch.ts` on this machine (ext4, 2 shared cores, PG 18.4), medians of 3 runs,
 * WAL_LOG / FILE_COPY / FILE_COPY+clone in seconds: 10 MB 0.09 / 0.17 / 0.15; 25 MB 0.12 / 0.17 / 0.18;
 * 50 MB 0.31 / 0.20 / 0.27; 100 MB 0.50 / 0.34 / 0.22; 1 GB 4.27 / 1.32 / 1.50. The lines cross near 33 MB.
 * ext4 cannot share blocks, so clone is a plain copy here (same speed as FILE_COPY within noise).
 */
export const FILE_COPY_MIN_BYTES = 32 * 1024 * 1024;

export class CopyMethodChooser {
  /** undefined until tried: whether `file_copy_method = clone` works on this server. */
  cloneSupported?: boolean;
  private versionNum?: number;

  async serverVersion(client: pg.ClientBase): Promise<number> {
    if (this.versionNum === undefined) {
      const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
      this.versionNum = Number(rows[0].v);
    }
    return this.versionNum;
  }

  async choose(client: pg.ClientBase, sizeBytes: number): Promise<CopyMethod> {
    const version = await this.serverVersion(client);
    if (version < 150000) return 'file_copy'; // before 15 there is no STRATEGY clause: FILE_COPY is the only way
    if (sizeBytes < FILE_COPY_MIN_BYTES) return 'wal_log';
    if (version >= 180000 && this.cloneSupported !== false) return 'file_copy_clone';
    return 'file_copy';
  }

  /** Runs the CREATE DATABASE; a failing clone is remembered and the copy retried with a plain FILE_COPY. */
  async create(client: pg.ClientBase, target: string, template: string, method: CopyMethod): Promise<CopyMethod> {
    const version = await this.serverVersion(client);
    const base = `CREATE DATABASE ${quoteIdent(target)} TEMPLATE ${quoteIdent(template)}`;
    if (method === 'file_copy_clone') {
      try {
        await client.query('SET file_copy_method = clone');
        await client.query(`${base} STRATEGY = FILE_COPY`);
        this.cloneSupported = true;
        return method;
      } catch (err) {
        if (!isCloneFailure(err)) throw err;
        this.cloneSupported = false;
        await client.query('RESET file_copy_method').catch(() => undefined);
        method = 'file_copy';
      } finally {
        await client.query('RESET file_copy_method').catch(() => undefined);
      }
    }
    if (version < 150000) await client.query(base);
    else await client.query(`${base} STRATEGY = ${method === 'wal_log' ? 'WAL_LOG' : 'FILE_COPY'}`);
    return method;
  }
}

/** Errors that mean "cloning is not possible here", as opposed to e.g. the template being in use. */
function isCloneFailure(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  const message = String((err as Error).message ?? '');
  if (code === '55006' || code === '42P04' || code === '3D000') return false;
  return code === '42704' || code === '22023' || code === '0A000' || code === '58000' || code === 'XX000' || /clone|copy_file_range|reflink/i.test(message);
}
