// Bootstraps of several databases at once (tests, branches) share cluster-wide roles and role settings.
import { describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../bootstrap/index.js';
import { MIGRATIONS } from '../bootstrap/migrations/index.js';
import { createDatabase, urlFor } from '../../test/helpers/app.js';

describe('auth migrations under concurrent bootstraps', () => {
  it('set the owner role\'s search_path once, whichever bootstrap gets there first', async () => {
    const names = await Promise.all(Array.from({ length: 4 }, () => createDatabase('race')));
    // Up to just before the role setting, so the four runs meet there.
    await Promise.all(names.map((n) => bootstrapDatabase(urlFor(n), MIGRATIONS.filter((m) => m.version < 60))));
    const results = await Promise.allSettled(names.map((n) => bootstrapDatabase(urlFor(n))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });
});
