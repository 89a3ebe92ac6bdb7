import type { BrowseParams, Filter } from './types';

export function filterParam(f: Filter): string {
  return `${f.column}.${f.negate ? 'not.' : ''}${f.op}.${f.value}`;
}

/** The view (sort, filters, search) as /api/sql/table-browser and /api/sql/export understand it. */
export function viewQuery(p: Pick<BrowseParams, 'sort' | 'filters' | 'search'>) {
  return {
    order: p.sort.length ? p.sort.map((s) => `${s.column}.${s.direction}`).join(',') : undefined,
    filter: p.filters.length ? p.filters.map(filterParam) : undefined,
    search: p.search || undefined,
  };
}

export function browseQueryString(p: BrowseParams): string {
  const q = new URLSearchParams({ schema: p.schema, table: p.table, limit: String(p.limit), count: p.count });
  const v = viewQuery(p);
  if (v.order) q.set('order', v.order);
  for (const f of v.filter ?? []) q.append('filter', f);
  if (v.search) q.set('search', v.search);
  if (p.page.kind === 'after') q.set('after', p.page.cursor);
  if (p.page.kind === 'before') q.set('before', p.page.cursor);
  if (p.page.kind === 'last') q.set('last', 'true');
  if (p.page.kind === 'offset' && p.page.offset > 0) q.set('offset', String(p.page.offset));
  if (p.viewAs) {
    q.set('role', p.viewAs.role);
    if (p.viewAs.role === 'authenticated' && p.viewAs.sub) q.set('sub', p.viewAs.sub);
  }
  return q.toString();
}
