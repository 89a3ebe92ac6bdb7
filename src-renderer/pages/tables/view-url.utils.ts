// The grid's view (sort, filters, quick search, page position, page size) lives in the URL's query string, so a
// reload or a shared link shows the same rows: ?sort=age.desc,name&filter=age.gte.18&q=ada&after=<cursor>&size=50
import { FILTER_OPS, type Filter, type Page, type SortTerm } from '../../data/table-editor/types';

export interface ViewState {
  sort: SortTerm[];
  filters: Filter[];
  search: string;
  page: Page;
  size: number;
}

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000];
export const DEFAULT_SIZE = 100;

const FILTER_RE = new RegExp(`^(.+?)\\.(not\\.)?(${FILTER_OPS.join('|')})\\.([\\s\\S]*)$`);

export function parseFilter(raw: string): Filter | null {
  const m = FILTER_RE.exec(raw);
  return m ? { column: m[1], negate: Boolean(m[2]), op: m[3] as Filter['op'], value: m[4] } : null;
}

export const filterText = (f: Filter) => `${f.column}.${f.negate ? 'not.' : ''}${f.op}.${f.value}`;

function parseSort(raw: string | null): SortTerm[] {
  if (!raw) return [];
  return raw.split(',').filter(Boolean).map((part) => {
    const m = /^(.+)\.(asc|desc)$/.exec(part);
    return m ? { column: m[1], direction: m[2] as 'asc' | 'desc' } : { column: part, direction: 'asc' as const };
  });
}

function parsePage(q: URLSearchParams): Page {
  if (q.get('page') === 'last') return { kind: 'last' };
  const after = q.get('after');
  if (after) return { kind: 'after', cursor: after };
  const before = q.get('before');
  if (before) return { kind: 'before', cursor: before };
  const offset = Number(q.get('offset'));
  return Number.isInteger(offset) && offset > 0 ? { kind: 'offset', offset } : { kind: 'first' };
}

export function readView(q: URLSearchParams): ViewState {
  const size = Number(q.get('size'));
  return {
    sort: parseSort(q.get('sort')),
    filters: q.getAll('filter').map(parseFilter).filter((f): f is Filter => f !== null),
    search: q.get('q') ?? '',
    page: parsePage(q),
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_SIZE,
  };
}

/** The query string of a view (empty parts left out), with a leading "?" when anything is set. */
export function writeView(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.sort.length) q.set('sort', v.sort.map((s) => (s.direction === 'asc' ? s.column : `${s.column}.desc`)).join(','));
  for (const f of v.filters) q.append('filter', filterText(f));
  if (v.search) q.set('q', v.search);
  if (v.page.kind === 'last') q.set('page', 'last');
  if (v.page.kind === 'after') q.set('after', v.page.cursor);
  if (v.page.kind === 'before') q.set('before', v.page.cursor);
  if (v.page.kind === 'offset' && v.page.offset > 0) q.set('offset', String(v.page.offset));
  if (v.size !== DEFAULT_SIZE) q.set('size', String(v.size));
  const s = q.toString();
  return s ? `?${s}` : '';
}
