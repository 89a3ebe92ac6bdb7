import type { AuthUser } from '../../data/auth/types';

export interface UsersTableProps {
  users: AuthUser[];
  onConfirm: (user: AuthUser) => void;
  onBan: (user: AuthUser, banned: boolean) => void;
  onDelete: (user: AuthUser) => void;
  onMagicLink: (user: AuthUser) => void;
  onImpersonate: (user: AuthUser) => void;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const isBanned = (u: AuthUser) => Boolean(u.banned_until && Date.parse(u.banned_until) > Date.now());

function State({ user }: { user: AuthUser }) {
  if (isBanned(user)) return <span className="badge badge-bad">banned</span>;
  if (user.is_anonymous) return <span className="badge badge-muted">anonymous</span>;
  if (user.email_confirmed_at || user.phone_confirmed_at) return <span className="badge badge-ok">confirmed</span>;
  return <span className="badge badge-warn">unconfirmed</span>;
}

export function UsersTable({ users, onConfirm, onBan, onDelete, onMagicLink, onImpersonate }: UsersTableProps) {
  if (users.length === 0) return <p className="muted" data-testid="auth-users-empty">No users yet. Sign-ups from your app appear here.</p>;
  return (
    <table className="data" data-testid="auth-users-table">
      <thead>
        <tr><th>User</th><th>Providers</th><th>Created</th><th>Last sign-in</th><th>Sessions</th><th>State</th><th /></tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} data-testid="auth-user-row" data-user-id={u.id} data-email={u.email ?? ''}>
            <td>
              <div>{u.email || u.phone || <span className="muted">anonymous</span>}</div>
              <code className="muted" style={{ fontSize: 11 }}>{u.id}</code>
            </td>
            <td>{u.providers.map((p) => <span key={p} className="pill">{p}</span>)}</td>
            <td title={u.created_at ?? ''}>{when(u.created_at)}</td>
            <td title={u.last_sign_in_at ?? ''}>{when(u.last_sign_in_at)}</td>
            <td>{u.sessions_count}</td>
            <td data-testid="auth-user-state"><State user={u} /></td>
            <td className="row" style={{ justifyContent: 'flex-end', flexWrap: 'wrap' }}>
              {u.email && !u.email_confirmed_at && <button type="button" className="btn btn-small" onClick={() => onConfirm(u)} data-testid="auth-user-confirm">Confirm</button>}
              {u.email && <button type="button" className="btn btn-small" onClick={() => onMagicLink(u)} data-testid="auth-user-magic-link">Send magic link</button>}
              <button type="button" className="btn btn-small" onClick={() => onImpersonate(u)} data-testid="auth-user-impersonate">Impersonate</button>
              <button type="button" className="btn btn-small" onClick={() => onBan(u, isBanned(u))} data-testid="auth-user-ban">{isBanned(u) ? 'Unban' : 'Ban'}</button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(u)} data-testid="auth-user-delete">Delete</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
