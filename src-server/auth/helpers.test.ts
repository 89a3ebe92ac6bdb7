// The auth module's pure parts, without a database: redirect allow-lists, Go durations, token hashes, the Link
// header auth-js parses, refresh-token derivation, failed-attempt windows.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { paginationLinks } from '../routes/auth/admin.js';
import { banUntil } from './flows/admin.js';
import { tokenHash } from './one-time-tokens.js';
import { FailedAttempts } from './rate-limits.js';
import { isAllowedRedirect, resolveRedirect } from './redirects.js';
import { RefreshTokenCodec } from './sessions.js';
import { AUTH_DEFAULTS } from './settings.js';
import { pkceOf } from './validate.js';

describe('redirects', () => {
  const settings = { ...AUTH_DEFAULTS, site_url: 'http://127.0.0.1:3000', uri_allow_list: ['https://*.example.com/**', 'myapp://callback'] };
  it('accepts the site URL\'s host (loopback names alike) and the allow list, else falls back', () => {
    expect(isAllowedRedirect('http://localhost:5173/welcome', settings)).toBe(true);
    expect(isAllowedRedirect('https://app.example.com/a/b', settings)).toBe(true);
    expect(isAllowedRedirect('https://deep.app.example.com/a', settings)).toBe(false);
    expect(isAllowedRedirect('myapp://callback', settings)).toBe(true);
    expect(isAllowedRedirect('https://evil.test/', settings)).toBe(false);
    expect(resolveRedirect('https://evil.test/', 'http://localhost:3000/from', settings)).toBe('http://localhost:3000/from');
    expect(resolveRedirect('https://evil.test/', undefined, settings)).toBe('http://127.0.0.1:3000');
  });
});

describe('pagination links', () => {
  it('puts page first in every link and quotes rel, as auth-js parses them', () => {
    const link = paginationLinks('/auth/v1/admin/users', 1, 50, 120);
    expect(link).toBe('</auth/v1/admin/users?page=2&per_page=50>; rel="next", </auth/v1/admin/users?page=3&per_page=50>; rel="last"');
    // auth-js: page = first character after the first '=' of each part; rel = JSON.parse of the quoted value.
    const parsed = link.split(',').map((part) => [JSON.parse(part.split(';')[1].split('=')[1]), Number(part.split(';')[0].split('=')[1].substring(0, 1))]);
    expect(parsed).toEqual([['next', 2], ['last', 3]]);
    expect(paginationLinks('/p', 3, 50, 120)).toBe('</p?page=3&per_page=50>; rel="last"');
  });
});

describe('small formats', () => {
  it('parses Go durations for bans, and none lifts a ban', () => {
    expect(banUntil('none')).toBeNull();
    expect(Date.parse(banUntil('1h30m', 0)!)).toBe(90 * 60_000);
    expect(() => banUntil('1 day')).toThrow(/ban duration/);
  });

  it('hashes OTPs as GoTrue does: hex(SHA-224(email + otp))', () => {
    expect(tokenHash('a@example.com', '123456')).toBe(crypto.createHash('sha224').update('a@example.com123456').digest('hex'));
  });

  it('validates PKCE parameters', () => {
    expect(pkceOf({ code_challenge: null, code_challenge_method: null })).toBeNull();
    expect(pkceOf({ code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })).toEqual({ challenge: 'x'.repeat(43), method: 's256' });
    expect(() => pkceOf({ code_challenge: 'short', code_challenge_method: 's256' })).toThrow(/between 43 and 128/);
    expect(() => pkceOf({ code_challenge: 'x'.repeat(43) })).toThrow(/requires/);
  });

  it('derives refresh tokens from what their rows record, under the secret, and recovers them from the digests', () => {
    const a = new RefreshTokenCodec('secret-a');
    const session = '6f1c1d5e-8a8e-4c3e-9a44-0d3f1c7e2b11';
    const first = a.root(session);
    const second = a.child(RefreshTokenCodec.digest(first));
    expect(new Set([first, second, a.root(session, '9'), a.child(RefreshTokenCodec.digest(first), '9')]).size).toBe(4);
    expect(new RefreshTokenCodec('secret-b').root(session)).not.toBe(first);
    expect(RefreshTokenCodec.digest(first)).toMatch(/^[0-9a-f]{64}$/);
    const row = (id: string, token: string, parent: string | null) => ({ id, token: RefreshTokenCodec.digest(token), parent, session_id: session });
    expect(a.recover(row('1', first, null))).toBe(first);
    expect(a.recover(row('2', second, RefreshTokenCodec.digest(first)))).toBe(second);
    const sibling = a.child(RefreshTokenCodec.digest(first), '3');
    expect(a.recover(row('3', sibling, RefreshTokenCodec.digest(first)))).toBe(sibling);
    expect(a.recover(row('4', 'forged', null))).toBeNull();
  });
});

describe('failed attempts', () => {
  it('blocks an account after its failures, clears it on success, and forgets after the window', () => {
    let now = 0;
    const f = new FailedAttempts(() => now);
    const limits = { perAccount: 2, perIp: 100 };
    f.fail('A@x', '1.1.1.1');
    f.check('a@x', '1.1.1.1', limits);
    f.fail('a@x', '1.1.1.1');
    expect(() => f.check('a@x', '2.2.2.2', limits)).toThrow(/rate limit/);
    f.succeed('a@x');
    f.check('a@x', '1.1.1.1', limits);
    f.fail('b@x', '1.1.1.1');
    f.fail('b@x', '1.1.1.1');
    now += 5 * 60_000 + 1;
    f.check('b@x', '1.1.1.1', limits);
  });
});
