import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Modal } from '../../components/studio/Modal';
import { useAccessTokenMutation } from '../../data/auth/auth-user-mutations';
import type { AuthUser } from '../../data/auth/types';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import { navigate } from '../../lib/router';

/** Acting as a user: a fresh access token to paste into curl or an app, or the table editor viewing through RLS as them. */
export function ImpersonateDialog({ user, onClose }: { user: AuthUser; onClose: () => void }) {
  const token = useAccessTokenMutation();
  const tables = useSqlTablesQuery();
  const choices = (tables.data?.tables ?? []).filter((t) => t.schema !== 'auth');
  const [table, setTable] = useState('');
  const target = table || (choices[0] ? `${choices[0].schema}.${choices[0].name}` : '');
  const open = () => {
    const [schema, ...rest] = target.split('.');
    navigate(`/tables/${encodeURIComponent(schema)}/${encodeURIComponent(rest.join('.'))}?view_as=${encodeURIComponent(user.id)}`);
  };
  return (
    <Modal title={`Impersonate ${user.email || user.phone || 'anonymous user'}`} onClose={onClose} testId="auth-impersonate-dialog" wide>
      <p className="muted">Row level security sees this user exactly as it does their requests: <code>auth.uid()</code> = <code>{user.id}</code>, role authenticated, and their email and metadata in <code>auth.jwt()</code>.</p>
      <div className="row">
        <label className="field">
          <span>Table</span>
          <select value={target} onChange={(e) => setTable(e.target.value)} data-testid="auth-impersonate-table">
            {choices.map((t) => <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>{t.schema}.{t.name}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={!target} onClick={open} data-testid="auth-impersonate-open" style={{ alignSelf: 'flex-end', marginBottom: 8 }}>
          Open table editor as this user
        </button>
      </div>
      <div className="stack" style={{ marginTop: 12 }}>
        <div className="row">
          <button type="button" className="btn" disabled={token.isPending} onClick={() => token.mutate(user.id)} data-testid="auth-impersonate-token">
            {token.isPending ? 'Signing…' : 'Mint a fresh access token'}
          </button>
          {token.data && <CopyButton value={token.data.access_token} label="Copy token" testId="auth-impersonate-copy" />}
        </div>
        {token.error && <ErrorNotice error={token.error} />}
        {token.data && (
          <>
            <code className="truncate" data-testid="auth-impersonate-jwt">{token.data.access_token}</code>
            <pre className="json" data-testid="auth-impersonate-claims">{JSON.stringify(token.data.claims, null, 2)}</pre>
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>Close</button>
      </div>
    </Modal>
  );
}
