// Database names for branches and backups: generated from trusted parts only, always ≤ 63 bytes.
const MAX_IDENTIFIER = 63;
const BRANCH_PREFIX = 'truss_branch_';
const BACKUP_PREFIX = 'trestle_backup_';

let lastStamp = 0;

/** A base36 timestamp that never repeats within this process, so two names made in one millisecond differ. */
export function uniqueStamp(now = Date.now()): string {
  lastStamp = Math.max(now, lastStamp + 1);
  return lastStamp.toString(36);
}

/** Lowercase a-z, 0-9 and _ only; runs of anything else become one underscore. */
export function slugify(label: string): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  return slug || 'branch';
}

export function branchDatabaseName(label: string, now = Date.now()): string {
  const stamp = uniqueStamp(now);
  const room = MAX_IDENTIFIER - BRANCH_PREFIX.length - 1 - stamp.length;
  const slug = slugify(label).slice(0, room).replace(/_$/, '') || 'branch';
  return `${BRANCH_PREFIX}${slug}_${stamp}`;
}

export function backupDatabaseName(now = Date.now()): string {
  return `${BACKUP_PREFIX}${uniqueStamp(now)}`;
}

export function defaultBranchLabel(now = new Date()): string {
  return `branch_${now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15)}`;
}
