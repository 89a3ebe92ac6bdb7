import { CodeLine } from '../../components/CodeLine';
import { CopyButton } from '../../components/CopyButton';
import type { CreatedOAuth2Client } from '../../data/oauth2/types';
import { openidClientSnippet } from './snippet';

/** A client just registered: its id, its secret (shown this once) and the openid-client code to use them. */
export function ClientSecretReveal({ created, issuer, onDismiss }: { created: CreatedOAuth2Client; issuer: string; onDismiss: () => void }) {
  const snippet = openidClientSnippet(issuer, created.client, created.client_secret);
  return (
    <div className="card" data-testid="oauth-created">
      <h2>Registered: {created.client.name}</h2>
      <CodeLine label="Client ID" value={created.client.client_id} testId="oauth-created-id" />
      {created.client_secret && (
        <>
          <p className="notice"><strong>Copy the secret now.</strong> Trestle keeps only its hash: it will not be shown again.</p>
          <CodeLine label="Secret" value={created.client_secret} testId="oauth-created-secret" />
        </>
      )}
      <div className="code-line">
        <span className="code-label">openid-client</span>
        <pre className="snippet" data-testid="oauth-created-snippet">{snippet}</pre>
        <CopyButton value={snippet} testId="oauth-snippet-copy" />
      </div>
      <div className="row">
        <span className="spacer" />
        <button type="button" className="btn" onClick={onDismiss} data-testid="oauth-created-dismiss">I have stored it</button>
      </div>
    </div>
  );
}
