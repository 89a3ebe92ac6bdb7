import { describe, expect, it } from 'vitest';
import { emptyReason, fromTemplate, ownerColumn } from './rls.utils';

const col = (name: string, data_type: string, udt_name = data_type, is_primary_key = false) => ({ name, data_type, udt_name, is_primary_key }) as never;

describe('RLS helpers', () => {
  it('fills the own-rows template with the owner column, casting auth.uid() to its type', () => {
    const details = { columns: [col('id', 'bigint', 'int8', true), col('user_id', 'uuid')] };
    expect(ownerColumn(details)).toBe('user_id');
    expect(fromTemplate('own_rows', details, 'user_id')).toMatchObject({ command: 'ALL', roles: ['authenticated'], using: 'user_id = (select auth.uid())::uuid', with_check: 'user_id = (select auth.uid())::uuid' });
    expect(fromTemplate('own_rows', { columns: [col('Owner', 'text')] }, 'Owner').using).toBe('"Owner" = (select auth.uid())::text');
    expect(fromTemplate('public_read', details, null)).toMatchObject({ command: 'SELECT', roles: ['anon', 'authenticated'], using: 'true' });
  });

  it('says why a role sees no rows', () => {
    const base = { schema: 'public', name: 't', rls: { enabled: true, forced: false } };
    expect(emptyReason({ ...base, policies: [] }, 'anon')).toContain('no SELECT policy applies to anon');
    const forAuth = { name: 'p', command: 'SELECT' as const, permissive: true, roles: ['authenticated'], using: 'true', with_check: null };
    expect(emptyReason({ ...base, policies: [forAuth] }, 'anon')).toContain('no SELECT policy');
    expect(emptyReason({ ...base, policies: [forAuth] }, 'authenticated')).toBeNull();
    expect(emptyReason({ ...base, policies: [{ ...forAuth, roles: ['public'] }] }, 'anon')).toBeNull();
    expect(emptyReason({ ...base, rls: { enabled: false, forced: false }, policies: [] }, 'anon')).toBeNull();
  });
});
