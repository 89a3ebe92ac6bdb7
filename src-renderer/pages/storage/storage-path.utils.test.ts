import { describe, expect, it } from 'vitest';
import { crumbs, parseStoragePath, storagePath } from './storage-path.utils';

describe('storage page paths', () => {
  it('round-trips bucket and folder through the URL', () => {
    expect(parseStoragePath('/buckets')).toEqual({ prefix: '' });
    expect(parseStoragePath('/buckets/avatars')).toEqual({ bucket: 'avatars', prefix: '' });
    expect(parseStoragePath(storagePath('my bucket', 'a b/c%d/'))).toEqual({ bucket: 'my bucket', prefix: 'a b/c%d/' });
    expect(storagePath('avatars')).toBe('/buckets/avatars');
    expect(storagePath('avatars', 'x/y/')).toBe('/buckets/avatars/x/y/');
  });

  it('makes one crumb per folder', () => {
    expect(crumbs('')).toEqual([]);
    expect(crumbs('a/b/')).toEqual([{ name: 'a', prefix: 'a/' }, { name: 'b', prefix: 'a/b/' }]);
  });
});
