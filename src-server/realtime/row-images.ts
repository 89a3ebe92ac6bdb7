// What of a change's row images an audience gets to see: only the columns it may read, and of an old row only what
// replica identity publishes (the key by default, everything with REPLICA IDENTITY FULL), as Supabase sends them.
import type { ChangeView, Row, RowChange } from './types.js';

/** Supabase's max_record_bytes: larger records keep only their values of at most 64 bytes, with an error. */
export const MAX_RECORD_BYTES = 1024 * 1024;
const SMALL_VALUE_BYTES = 64;
export const PAYLOAD_TOO_LARGE = 'Error 413: Payload Too Large';

export function restrict(row: Row | null, columns: Iterable<string>, limitValues = false): Row {
  const out: Row = {};
  if (!row) return out;
  for (const name of columns) {
    if (!(name in row)) continue;
    const value = row[name];
    if (limitValues && value !== null && Buffer.byteLength(JSON.stringify(value)) > SMALL_VALUE_BYTES) continue;
    out[name] = value;
  }
  return out;
}

export function tooLarge(change: RowChange): boolean {
  return change.bytes > MAX_RECORD_BYTES;
}

/** The old-row columns replica identity publishes, before column privileges. */
function identityColumns(view: ChangeView, op: RowChange['op']): string[] {
  const t = view.table;
  // As Supabase: a DELETE under row security carries only the key.
  if (op === 'DELETE' && view.rlsApplies) return t.primaryKey;
  switch (t.replicaIdentity) {
    case 'f': return t.columns.map((c) => c.name);
    case 'i': return t.identity;
    case 'n': return [];
    default: return t.primaryKey;
  }
}

/** The images a subscriber receives, or null when the change is not visible to it. */
export function visibleImages(change: RowChange, view: ChangeView, readable: string[]): { record?: Row; old_record?: Row } | null {
  const large = tooLarge(change);
  if (change.op === 'DELETE') {
    if (!view.oldVisible) return null;
    const allowed = new Set(readable);
    return { old_record: restrict(change.old, identityColumns(view, change.op).filter((c) => allowed.has(c)), large) };
  }
  if (!view.newVisible) return null;
  const images: { record?: Row; old_record?: Row } = { record: restrict(change.record, readable, large) };
  if (change.op === 'UPDATE' && view.oldVisible) {
    const allowed = new Set(readable);
    images.old_record = restrict(change.old, identityColumns(view, change.op).filter((c) => allowed.has(c)), large);
  }
  return images;
}
