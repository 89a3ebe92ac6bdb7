import { useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useBanAuthUserMutation, useConfirmAuthUserMutation, useCreateAuthUserMutation, useDeleteAuthUserMutation, useSendMagicLinkMutation } from '../../data/auth/auth-user-mutations';
import { USERS_PAGE_SIZE, useAuthUsersQuery } from '../../data/auth/auth-users-query';
import type { AuthUser } from '../../data/auth/types';
import { useDebounced } from '../../lib/use-debounced';
import { CreateUserForm } from './CreateUserForm';
import { ImpersonateDialog } from './ImpersonateDialog';
import { UsersTable } from './UsersTable';

type Pending = { kind: 'delete' | 'impersonate'; user: AuthUser } | null;

export function UsersTab() {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const debounced = useDebounced(search);
  const users = useAuthUsersQuery(debounced, offset);
  const create = useCreateAuthUserMutation();
  const confirm = useConfirmAuthUserMutation();
  const ban = useBanAuthUserMutation();
  const remove = useDeleteAuthUserMutation();
  const magic = useSendMagicLinkMutation();
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const total = users.data?.total ?? 0;
  const failed = confirm.error ?? ban.error ?? magic.error;

  return (
    <div data-testid="auth-users">
      <CreateUserForm busy={create.isPending} error={create.error} onCreate={(input, done) => create.mutate(input, { onSuccess: done })} />
      {notice && <div className="notice notice-ok" data-testid="auth-notice">{notice}</div>}
      {failed && <ErrorNotice error={failed} testId="auth-action-error" />}
      <div className="card">
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>Users <span className="muted" data-testid="auth-users-total">({total})</span></h2>
          <input className="input-small" placeholder="Search email, phone or id" value={search} onChange={(e) => { setSearch(e.target.value); setOffset(0); }} data-testid="auth-users-search" />
        </div>
        {users.error && <ErrorNotice error={users.error} />}
        <UsersTable
          users={users.data?.users ?? []}
          onConfirm={(u) => confirm.mutate(u.id)}
          onBan={(u, banned) => ban.mutate({ id: u.id, duration: banned ? 'none' : '876000h' })}
          onDelete={(u) => setPending({ kind: 'delete', user: u })}
          onMagicLink={(u) => magic.mutate(u.id, { onSuccess: (r) => setNotice(`Magic link for ${r.recipient} is in the inbox`) })}
          onImpersonate={(u) => setPending({ kind: 'impersonate', user: u })}
        />
        {total > USERS_PAGE_SIZE && (
          <div className="pager">
            <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - USERS_PAGE_SIZE))}>Previous</button>
            <span className="muted">{offset + 1}–{Math.min(offset + USERS_PAGE_SIZE, total)} of {total}</span>
            <button type="button" className="btn btn-small" disabled={offset + USERS_PAGE_SIZE >= total} onClick={() => setOffset(offset + USERS_PAGE_SIZE)}>Next</button>
          </div>
        )}
      </div>
      {pending?.kind === 'delete' && (
        <ConfirmDialog title="Delete user" confirmLabel="Delete" danger busy={remove.isPending} error={remove.error} testId="auth-delete-dialog"
          onCancel={() => { setPending(null); remove.reset(); }}
          onConfirm={() => remove.mutate(pending.user.id, { onSuccess: () => setPending(null) })}>
          <p>Delete <strong>{pending.user.email || pending.user.phone || pending.user.id}</strong>? Rows referencing it with <code>on delete cascade</code> go too.</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'impersonate' && <ImpersonateDialog user={pending.user} onClose={() => setPending(null)} />}
    </div>
  );
}
