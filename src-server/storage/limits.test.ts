import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.js';
import { mimeAllowed, mustBeValidBucketName, mustBeValidKey, normalizeMimeTypes, parseFileSizeLimit } from './limits.js';

const refuses = (fn: () => void, code: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe(code);
    return;
  }
  throw new Error('expected a refusal');
};

describe('storage limits', () => {
  it('accepts Supabase bucket names and refuses the rest', () => {
    for (const ok of ['avatars', 'my-bucket', "bucket!.*'()+,?-", 'a'.repeat(100)]) mustBeValidBucketName(ok);
    for (const bad of ['', 'a/b', 'a'.repeat(101), '文件夹', '..']) refuses(() => mustBeValidBucketName(bad), 'InvalidBucketName');
  });

  it('accepts any printable key and refuses control characters, empty segments and overlong keys', () => {
    for (const ok of ['a.txt', 'folder/sub/é ü.png', '../x', 'a..b']) mustBeValidKey(ok);
    for (const bad of ['', 'a\u0000b', 'a\nb', '/abs', 'a//b', 'trailing/', 'x'.repeat(1025)]) refuses(() => mustBeValidKey(bad), 'InvalidKey');
  });

  it('parses size limits as bytes or decimal units', () => {
    expect(parseFileSizeLimit(1024)).toBe(1024);
    expect(parseFileSizeLimit('1.5MB')).toBe(1_500_000);
    expect(parseFileSizeLimit('1gb')).toBe(1_000_000_000);
    expect(parseFileSizeLimit('30KB')).toBe(30_000);
    expect(parseFileSizeLimit('3B')).toBe(3);
    expect(parseFileSizeLimit(null)).toBeNull();
    expect(parseFileSizeLimit(0)).toBeNull();
    refuses(() => parseFileSizeLimit('lots'), 'InvalidRequest');
    refuses(() => parseFileSizeLimit(-1), 'InvalidRequest');
  });

  it('matches MIME types exactly or by type wildcard, ignoring parameters', () => {
    const allowed = normalizeMimeTypes(['image/*', 'Application/PDF'])!;
    expect(mimeAllowed('image/png', allowed)).toBe(true);
    expect(mimeAllowed('application/pdf', allowed)).toBe(true);
    expect(mimeAllowed('text/plain;charset=UTF-8', ['text/plain'])).toBe(true);
    expect(mimeAllowed('text/plain', allowed)).toBe(false);
    expect(mimeAllowed('image', allowed)).toBe(false);
    expect(mimeAllowed('anything/at-all', null)).toBe(true);
    refuses(() => normalizeMimeTypes(['not a type']), 'InvalidRequest');
  });
});
