// RLS helpers of the table editor: the policy templates, and why "view as" a role shows no rows.
import type { PolicyDetail, TableDetails } from '../../../data/sql/sql-table-details-query';
import type { PolicySpec } from '../../../data/table-editor/types';

export type TemplateId = 'public_read' | 'authenticated_only' | 'own_rows';

export const TEMPLATES: Array<{ id: TemplateId; title: string }> = [
  { id: 'own_rows', title: 'Users can read and write their own rows (auth.uid())' },
  { id: 'public_read', title: 'Public read (anon and signed-in users)' },
  { id: 'authenticated_only', title: 'Signed-in users only' },
];

const ident = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** The column that most likely holds the owning user's id. */
export function ownerColumn(details: Pick<TableDetails, 'columns'>): string | null {
  const preferred = ['user_id', 'owner_id', 'owner', 'profile_id', 'created_by', 'author_id', 'user'];
  const byName = preferred.map((p) => details.columns.find((c) => c.name === p)).find(Boolean);
  return (byName ?? details.columns.find((c) => c.udt_name === 'uuid' && !c.is_primary_key) ?? null)?.name ?? null;
}

/** A template filled in for a table; `owner` is the column compared with auth.uid() (cast to that column's type). */
export function fromTemplate(id: TemplateId, details: Pick<TableDetails, 'columns'>, owner: string | null): PolicySpec {
  if (id === 'public_read') return { name: 'Public read', command: 'SELECT', roles: ['anon', 'authenticated'], using: 'true', with_check: null };
  if (id === 'authenticated_only') return { name: 'Signed-in users only', command: 'ALL', roles: ['authenticated'], using: 'true', with_check: 'true' };
  const col = details.columns.find((c) => c.name === owner);
  const expr = col ? `${ident(col.name)} = (select auth.uid())::${col.data_type}` : '';
  return { name: 'Users manage their own rows', command: 'ALL', roles: ['authenticated'], using: expr, with_check: expr };
}

const appliesTo = (p: PolicyDetail, role: string) => (p.command === 'ALL' || p.command === 'SELECT') && (p.roles.includes(role) || p.roles.includes('public'));

/** Why reading the table as `role` shows nothing, when RLS is the reason; null when rows should be visible. */
export function emptyReason(details: Pick<TableDetails, 'rls' | 'policies' | 'schema' | 'name'>, role: string): string | null {
  if (!details.rls.enabled) return null;
  const policies = details.policies.filter((p) => appliesTo(p, role));
  if (policies.length === 0) {
    return `Row level security is on for ${details.schema}.${details.name} and no SELECT policy applies to ${role}, so ${role} sees no rows. Add a policy in Structure → RLS.`;
  }
  if (policies.every((p) => !p.permissive)) return `Only restrictive policies apply to ${role}; a permissive policy is needed as well, so ${role} sees no rows.`;
  return null;
}
