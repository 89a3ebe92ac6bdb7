// The grid's queue of pending edits: updates per row (by primary key), inserted rows, deleted rows. It turns
// into one /api/sql/rows/apply request, and the server's failing edit index maps back to the row and cell.
import type { RowEdit } from '../../data/table-editor/types';

export type Pk = Record<string, unknown>;

export interface PendingEdits {
  updates: Record<string, { pk: Pk; set: Record<string, unknown> }>;
  inserts: Array<{ id: string; values: Record<string, unknown> }>;
  deletes: Record<string, Pk>;
}

export type EditRef = { kind: 'update'; rowKey: string } | { kind: 'insert'; id: string } | { kind: 'delete'; rowKey: string };

export const emptyEdits = (): PendingEdits => ({ updates: {}, inserts: [], deletes: {} });

export function pkOf(row: Record<string, unknown>, pkColumns: string[]): Pk {
  return Object.fromEntries(pkColumns.map((c) => [c, row[c]]));
}

export const rowKeyOf = (pk: Pk) => JSON.stringify(Object.keys(pk).sort().map((k) => [k, pk[k]]));

export function countEdits(p: PendingEdits): number {
  return Object.keys(p.updates).length + p.inserts.length + Object.keys(p.deletes).length;
}

export function setCell(p: PendingEdits, pk: Pk, column: string, value: unknown, original: unknown): PendingEdits {
  const key = rowKeyOf(pk);
  const set = { ...(p.updates[key]?.set ?? {}) };
  if (value === original) delete set[column];
  else set[column] = value;
  const updates = { ...p.updates };
  if (Object.keys(set).length) updates[key] = { pk, set };
  else delete updates[key];
  return { ...p, updates };
}

export function setInsertCell(p: PendingEdits, id: string, column: string, value: unknown | undefined): PendingEdits {
  return {
    ...p,
    inserts: p.inserts.map((r) => {
      if (r.id !== id) return r;
      const values = { ...r.values };
      if (value === undefined) delete values[column];
      else values[column] = value;
      return { id, values };
    }),
  };
}

export function addInsert(p: PendingEdits, values: Record<string, unknown> = {}): PendingEdits {
  return { ...p, inserts: [...p.inserts, { id: crypto.randomUUID(), values }] };
}

export function removeInsert(p: PendingEdits, id: string): PendingEdits {
  return { ...p, inserts: p.inserts.filter((r) => r.id !== id) };
}

export function toggleDelete(p: PendingEdits, pk: Pk, on: boolean): PendingEdits {
  const key = rowKeyOf(pk);
  const deletes = { ...p.deletes };
  if (on) deletes[key] = pk;
  else delete deletes[key];
  return { ...p, deletes };
}

/** Updates first, then inserts, then deletes, in a stable order; refs[i] says what edit i came from. */
export function toEdits(p: PendingEdits): { edits: RowEdit[]; refs: EditRef[] } {
  const edits: RowEdit[] = [];
  const refs: EditRef[] = [];
  for (const [rowKey, u] of Object.entries(p.updates)) {
    if (p.deletes[rowKey]) continue;
    edits.push({ op: 'update', pk: u.pk, set: u.set });
    refs.push({ kind: 'update', rowKey });
  }
  for (const r of p.inserts) {
    edits.push({ op: 'insert', values: r.values });
    refs.push({ kind: 'insert', id: r.id });
  }
  for (const [rowKey, pk] of Object.entries(p.deletes)) {
    edits.push({ op: 'delete', pk });
    refs.push({ kind: 'delete', rowKey });
  }
  return { edits, refs };
}
