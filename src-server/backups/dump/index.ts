// The SQL download of a backup: dumped from a throwaway copy, since the backup itself accepts no connections.
import { Readable } from 'node:stream';
import pg from 'pg';
import type { TrestleContext } from '../../context.js';
import { quoteIdent } from '../../db/quote.js';
import { withAdmin, databaseSize } from '../../branches/admin.js';
import { uniqueStamp } from '../../branches/names.js';
import { templateCopier } from '../../branches/template-copy.js';
import { dumpDatabase } from './dump.js';

export async function dumpBackup(ctx: TrestleContext, backupDatabase: string): Promise<Readable> {
  const temp = `trestle_dump_${uniqueStamp()}`;
  const methods = templateCopier(ctx).methods;
  await withAdmin(ctx, async (admin) => {
    const size = await databaseSize(admin, backupDatabase);
    await methods.create(admin, temp, backupDatabase, await methods.choose(admin, size ?? 0));
    await admin.query(`ALTER DATABASE ${quoteIdent(temp)} WITH ALLOW_CONNECTIONS true IS_TEMPLATE false`);
  });
  const drop = () => withAdmin(ctx, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(temp)} WITH (FORCE)`))
    .catch((err: Error) => ctx.log.warn({ err: err.message, database: temp }, 'could not drop the dump copy'));
  const client = new pg.Client({ connectionString: ctx.postgres.localUrl(temp), application_name: 'trestle-dump' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await drop();
    throw err;
  }
  async function* stream() {
    try {
      yield* dumpDatabase(client, { label: backupDatabase, at: new Date() });
    } finally {
      await client.end().catch(() => undefined);
      await drop();
    }
  }
  return Readable.from(stream());
}
