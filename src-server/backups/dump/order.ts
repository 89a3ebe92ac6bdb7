// Dependency order of catalog items: everything before the data first, then the rest; within that, an item
// comes after what it depends on, and ties are broken by kind and key so the same schema always prints the same.
import { KIND_RANK, type CatalogItem } from './model.js';

const compare = (a: CatalogItem, b: CatalogItem) =>
  (a.phase === b.phase ? 0 : a.phase === 'pre' ? -1 : 1) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** A binary heap of items, smallest by `compare` first. */
class ItemHeap {
  private readonly heap: CatalogItem[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(x: CatalogItem): void {
    const h = this.heap;
    h.push(x);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (compare(h[i], h[parent]) >= 0) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): CatalogItem {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < h.length && compare(h[l], h[min]) < 0) min = l;
        if (r < h.length && compare(h[r], h[min]) < 0) min = r;
        if (min === i) break;
        [h[i], h[min]] = [h[min], h[i]];
        i = min;
      }
    }
    return top;
  }
}

/** An item needed before the data that depends on one made after it (a view grouping by a primary key) moves after the data too. */
function liftPhases(items: Map<string, CatalogItem>): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const it of items.values()) {
      if (it.phase === 'pre' && [...it.deps].some((d) => items.get(d)?.phase === 'post')) {
        it.phase = 'post';
        changed = true;
      }
    }
  }
}

/** Keys in creation order. Dependencies on keys that are not items (out of scope, system objects) are ignored; a cycle is broken at its smallest item. */
export function orderItems(items: Map<string, CatalogItem>): string[] {
  liftPhases(items);
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const it of items.values()) {
    let n = 0;
    for (const d of it.deps) {
      if (d === it.key || !items.has(d)) continue;
      n++;
      const list = dependents.get(d);
      if (list) list.push(it.key);
      else dependents.set(d, [it.key]);
    }
    waiting.set(it.key, n);
  }
  const ready = new ItemHeap();
  for (const it of items.values()) if (waiting.get(it.key) === 0) ready.push(it);
  const order: string[] = [];
  const done = new Set<string>();
  const release = (key: string) => {
    done.add(key);
    order.push(key);
    for (const next of dependents.get(key) ?? []) {
      const n = waiting.get(next)! - 1;
      waiting.set(next, n);
      if (n === 0) ready.push(items.get(next)!);
    }
  };
  while (order.length < items.size) {
    if (ready.size > 0) {
      const it = ready.pop();
      if (!done.has(it.key)) release(it.key);
      continue;
    }
    const stuck = [...items.values()].filter((it) => !done.has(it.key)).sort(compare)[0];
    waiting.set(stuck.key, 0);
    release(stuck.key);
  }
  return order;
}
