import { describe, expect, it } from 'vitest';
import { validationIssues, validationMessage } from './validation-message.js';

describe('validation messages', () => {
  it('folds a union of literals into one "must be one of" per path and keeps other issues', () => {
    const issues = validationIssues([
      { instancePath: '/grant_types/0', keyword: 'const', message: 'must be equal to constant', params: { allowedValue: 'authorization_code' } },
      { instancePath: '/grant_types/0', keyword: 'const', message: 'must be equal to constant', params: { allowedValue: 'refresh_token' } },
      { instancePath: '/grant_types/0', keyword: 'anyOf', message: 'must match a schema in anyOf', params: {} },
      { instancePath: '/name', keyword: 'type', message: 'must be string', params: { type: 'string' } },
    ]);
    expect(issues).toEqual([
      { path: '/grant_types/0', message: 'must be one of: "authorization_code", "refresh_token"' },
      { path: '/name', message: 'must be string' },
    ]);
    expect(validationMessage('body', issues)).toBe('body/grant_types/0 must be one of: "authorization_code", "refresh_token", body/name must be string');
  });

  it('leaves an anyOf of other schemas as it is', () => {
    const issues = validationIssues([{ instancePath: '/x', keyword: 'anyOf', message: 'must match a schema in anyOf' }]);
    expect(validationMessage('querystring', issues)).toBe('querystring/x must match a schema in anyOf');
  });
});
