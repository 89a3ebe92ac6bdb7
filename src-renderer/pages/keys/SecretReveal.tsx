import { CodeLine } from '../../components/CodeLine';
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
      <CodeLine label="Secret" value={revealed.secret} testId="secret-value" />
      <CodeLine label=".env" value={env} testId="secret-env" block className="env-snippet" />
      <div className="row">
        <span className="spacer" />
        <button type="button" className="btn" onClick={onDismiss} data-testid="secret-dismiss">I have stored it</button>
      </div>
    </div>
  );
}
