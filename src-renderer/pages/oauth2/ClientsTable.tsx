import { Fragment, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import type { OAuth2Client } from '../../data/oauth2/types';
import { openidClientSnippet } from './snippet';

export function ClientsTable({ clients, issuer, onDelete }: { clients: OAuth2Client[]; issuer: string; onDelete: (c: OAuth2Client) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  if (clients.length === 0) return <p className="muted" data-testid="oauth-clients-empty">No apps yet: register one above.</p>;
  return (
    <div className="table-scroll">
      <table className="data" data-testid="oauth-clients">
        <thead>
          <tr><th>Name</th><th>Client ID</th><th>Type</th><th>Redirect URIs</th><th>Grants</th><th /></tr>
        </thead>
        <tbody>
          {clients.map((c) => (
            <Fragment key={c.client_id}>
              <tr data-testid="oauth-client-row">
                <td>{c.name}</td>
                <td><div className="conn-cell"><code className="truncate">{c.client_id}</code><CopyButton value={c.client_id} /></div></td>
                <td><span className={`badge ${c.client_type === 'public' ? 'badge-muted' : 'badge-ok'}`}>{c.client_type}</span></td>
                <td>{c.redirect_uris.map((u) => <div key={u}><code>{u}</code></div>)}</td>
                <td>{c.grant_types.map((g) => <span key={g} className="pill">{g}</span>)}</td>
                <td className="actions">
                  <button type="button" className="btn btn-small" onClick={() => setOpen(open === c.client_id ? null : c.client_id)} data-testid="oauth-client-snippet">Snippet</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(c)} data-testid="oauth-client-delete">Delete</button>
                </td>
              </tr>
              {open === c.client_id && (
                <tr>
                  <td colSpan={6}>
                    <div className="code-line">
                      <pre className="snippet">{openidClientSnippet(issuer, c)}</pre>
                      <CopyButton value={openidClientSnippet(issuer, c)} />
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
