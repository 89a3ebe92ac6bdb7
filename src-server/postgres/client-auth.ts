// Who may log in to the embedded cluster and how (pg_hba.conf, pg_ident.conf), written before every start. Over the
// Unix-domain socket Postgres checks the connecting process's OS identity (peer) instead of a password: the socket's
// directory is 0700, so only Trestle's OS user (and root) can reach it, and that user can read the cluster's password
// file anyway — a password adds nothing there but a SCRAM exchange (≈ 25 ms of CPU) on every new connection. TCP,
// what apps and tools use, keeps scram-sha-256.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunAs } from './os-user.js';

const PEER_MAP = 'trestle';

/** The OS user name Postgres will see for this process's socket connections, or undefined (no passwd entry). */
export function currentOsUser(): string | undefined {
  try {
    const name = os.userInfo().username;
    return /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

export function hbaConf(osUser: string | undefined): string {
  const local = osUser ? `peer map=${PEER_MAP}` : 'scram-sha-256';
  return [
    '# Written by Trestle at every start; edits are replaced.',
    '# TYPE  DATABASE        USER            ADDRESS                 METHOD',
    `local   all             all                                     ${local}`,
    'host    all             all             127.0.0.1/32            scram-sha-256',
    'host    all             all             ::1/128                 scram-sha-256',
    `local   replication     all                                     ${local}`,
    'host    replication     all             127.0.0.1/32            scram-sha-256',
    'host    replication     all             ::1/128                 scram-sha-256',
    '',
  ].join('\n');
}

/** Trestle's OS user may log in over the socket as any role (PostgreSQL 16+: `all`). */
export function identConf(osUser: string | undefined): string {
  return ['# Written by Trestle at every start; edits are replaced.', '# MAPNAME       SYSTEM-USERNAME         PG-USERNAME',
    ...(osUser ? [`${PEER_MAP.padEnd(15)} ${osUser.padEnd(23)} all`] : []), ''].join('\n');
}

async function writeIfChanged(file: string, content: string, runAs: RunAs | undefined): Promise<void> {
  const current = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (current === content) return;
  const tmp = `${file}.trestle-tmp`;
  await fs.writeFile(tmp, content, { mode: 0o600 });
  if (runAs) await fs.chown(tmp, runAs.uid, runAs.gid);
  await fs.rename(tmp, file);
}

/** `socket`: whether Trestle connects over the Unix-domain socket at all (else nothing local needs peer). */
export async function writeClientAuth(clusterDir: string, runAs: RunAs | undefined, socket: boolean): Promise<void> {
  const osUser = socket ? currentOsUser() : undefined;
  await writeIfChanged(path.join(clusterDir, 'pg_ident.conf'), identConf(osUser), runAs);
  await writeIfChanged(path.join(clusterDir, 'pg_hba.conf'), hbaConf(osUser), runAs);
}
