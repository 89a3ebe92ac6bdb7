import { describe, expect, it } from 'vitest';
import { closest, fuzzyBest, fuzzyMatches } from './similar.js';

describe('fuzzy hints', () => {
  it('ignores case and punctuation, and an exact match alone scores 1', () => {
    expect(fuzzyMatches('Get_Messages', ['getmessages', 'messages'])).toEqual([{ score: 1, name: 'getmessages' }]);
  });

  it('scores by edit similarity among names sharing n-grams, best first', () => {
    const found = fuzzyMatches('artistz', ['albums', 'artists', 'artist_bios']);
    expect(found[0]).toEqual({ score: 1 - 1 / 7, name: 'artists' });
    expect(found.every((m, i) => i === 0 || m.score <= found[i - 1].score)).toBe(true);
  });

  it('returns nothing under the minimum score, nor for names sharing no n-gram', () => {
    expect(fuzzyBest('missing_table', ['messages', 'booking', 'users'], 0.75)).toBeUndefined();
    expect(fuzzyBest('qqq', ['users'])).toBeUndefined();
    expect(fuzzyBest('()', ['(name_param)'])).toBeUndefined();
  });

  it('closest (column hints) still wants an edit distance under 3', () => {
    expect(closest('nmae', ['name', 'id'])).toBe('name');
    expect(closest('completely', ['name'])).toBeUndefined();
  });
});
