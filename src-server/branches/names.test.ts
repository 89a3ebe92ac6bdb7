import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupDatabaseName, branchDatabaseName, defaultBranchLabel, slugify } from './names.js';

describe('branch and backup database names', () => {
  it('slugs keep lowercase a-z, 0-9 and _ only', () => {
    expect(slugify('Feature X!')).toBe('feature_x');
    expect(slugify('  --Ünïcode  ✓ 42__x ')).toBe('n_code_42_x');
    expect(slugify('!!!')).toBe('branch');
  });

  it('any label gives a valid name of at most 63 bytes, and names made at once never repeat', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (label) => {
      const name = branchDatabaseName(label, 1_790_000_000_000);
      expect(name).toMatch(/^truss_branch_[a-z0-9_]+_[0-9a-z]+$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
      expect(seen.has(name)).toBe(false);
      seen.add(name);
    }));
    expect(branchDatabaseName('x'.repeat(60))).toHaveLength(63);
    expect(backupDatabaseName()).toMatch(/^trestle_backup_[0-9a-z]+$/);
  });

  it('the default label says when', () => {
    expect(defaultBranchLabel(new Date('2026-11-29T13:04:05Z'))).toBe('branch_20261129_130405');
  });
});
