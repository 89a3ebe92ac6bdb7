import { CopyButton } from '../../components/CopyButton';
import type { RevealedSecret } from '../../data/api-keys/types';

export function envSnippet(apiUrl: string, revealed: RevealedSecret): string {
  const name = revealed.key.key_type === 'anon' ? 'TRUSS_ANON_KEY' : 'TRUSS_SERVICE_KEY';
  return `TRUSS_URL=${apiUrl}\n${name}=${revealed.secret}\n`;
}

/** The secret of a key just created or rotated: shown once, never fetched again. */
export function SecretReveal({ revealed, apiUrl, onDismiss }: { revealed: RevealedSecret; apiUrl: string; onDismiss: () => void }) {
  const env = envSnippet(apiUrl, revealed);
  return (
    <div className="card secret-reveal" data-testid="secret-reveal">
      <h2>
        {revealed.rotatedFrom ? 'Key rotated' : 'Key created'}: {revealed.key.label || revealed.key.key_type}{' '}
        <span className="badge badge-info">{revealed.key.key_type}</span>
      </h2>
      <p className="notice">
        <strong>Copy this secret now.</strong> Trestle keeps only its hash: it will not be shown again.
        {revealed.rotatedFrom && ' The previous key has been revoked.'}
      </p>
      <div className="code-line">
        <span className="code-label">Secret</span>
        <code data-testid="secret-value">{revealed.secret}</code>
        <CopyButton value={revealed.secret} testId="secret-copy" />
      </div>
      <div className="code-line">
        <span className="code-label">.env</span>
        <pre className="snippet env-snippet" data-testid="secret-env">{env}</pre>
        <CopyButton value={env} testId="secret-env-copy" />
      </div>
      <div className="row">
        <span className="spacer" />
        <button type="button" className="btn" onClick={onDismiss} data-testid="secret-dismiss">I have stored it</button>
      </div>
    </div>
  );
}
