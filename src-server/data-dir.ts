// The data directory holds the cluster, its superuser password, keys' hashes and logs: only its owner may read it.
// (When Trestle runs as root, the postgres OS user still needs to traverse it: makeTraversable adds o+x only.)
import fs from 'node:fs/promises';

export async function ensurePrivateDataDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await fs.stat(dir);
  const wanted = mode & 0o001 ? 0o701 : 0o700;
  if ((mode & 0o777) !== wanted) await fs.chmod(dir, wanted);
}
