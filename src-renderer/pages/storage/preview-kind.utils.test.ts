import { describe, expect, it } from 'vitest';
import { previewKind } from './preview-kind.utils';

describe('previewKind', () => {
  it('previews images, text and PDF by MIME type', () => {
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('text/plain;charset=UTF-8')).toBe('text');
    expect(previewKind('application/json')).toBe('text');
    expect(previewKind('application/geo+json')).toBe('text');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('application/octet-stream')).toBe('none');
    expect(previewKind(undefined)).toBe('none');
  });
});
