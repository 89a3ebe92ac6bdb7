import { describe, expect, it } from 'vitest';
import { crumbs, parseStoragePath, storagePath } from './storage-path.utils';

describe('storage page paths', () => {
  it('round-trips bucket and folder through the URL', () => {
    expect(parseStoragePath('/storage')).toEqual({ prefix: '' });
    expect(parseStoragePath('/storage/avatars')).toEqual({ bucket: 'avatars', prefix: '' });
    expect(parseStoragePath(storagePath('my bucket', 'a b/c%d/'))).toEqual({ bucket: 'my bucket', prefix: 'a b/c%d/' });
    expect(storagePath('avatars')).toBe('/storage/avatars');
    expect(storagePath('avatars', 'x/y/')).toBe('/storage/avatars/x/y/');
  });

  it('makes one crumb per folder', () => {
    expect(crumbs('')).toEqual([]);
    expect(crumbs('a/b/')).toEqual([{ name: 'a', prefix: 'a/' }, { name: 'b', prefix: 'a/b/' }]);
  });
});
