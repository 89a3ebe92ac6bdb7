import { describe, expect, it } from 'vitest';
import { matches } from './request-filter.utils';

const e = (status: number, path: string, key_prefix: string | null) => ({ id: 1, at: '', method: 'GET', path, status, duration_ms: 1, key_prefix, role: 'anon', source: 'app' as const, request_id: 'x' });
const all = { status: 'all' as const, path: '', key: '' };

describe('request log filter', () => {
  it('filters by status class, errors, path text and key', () => {
    expect(matches(e(404, '/v1/db/todos', 'truss_pk_abc'), { ...all, status: '4xx' })).toBe(true);
    expect(matches(e(201, '/v1/db/todos', 'truss_pk_abc'), { ...all, status: 'errors' })).toBe(false);
    expect(matches(e(500, '/v1/db/todos', null), { ...all, status: 'errors' })).toBe(true);
    expect(matches(e(200, '/v1/db/Todos', null), { ...all, path: 'todos' })).toBe(true);
    expect(matches(e(200, '/v1/sql', 'truss_sk_x'), { ...all, key: 'truss_pk_abc' })).toBe(false);
    expect(matches(e(200, '/v1/sql', null), { ...all, key: 'none' })).toBe(true);
  });
});
