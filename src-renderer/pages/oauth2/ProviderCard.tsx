import { CodeLine } from '../../components/CodeLine';
import type { OAuth2Overview } from '../../data/oauth2/types';
import { formatTime } from '../../lib/format';

/** The issuer and discovery URL apps configure, and the signing keys (rotation keeps the old key published). */
export function ProviderCard({ overview, onRotate }: { overview: OAuth2Overview; onRotate: () => void }) {
  return (
    <div className="card" data-testid="oauth-provider">
      <h2>OpenID Connect provider</h2>
      <p className="muted">
        Apps sign users of this project&apos;s Authentication in with Trestle. The issuer is the API&apos;s URL exactly as your app uses it
        (<code>localhost</code> and <code>127.0.0.1</code> are different issuers): configure your app with the one below.
      </p>
      <CodeLine label="Issuer" value={overview.issuer} testId="oauth-issuer" />
      <CodeLine label="Discovery" value={overview.discovery_url} testId="oauth-discovery-url" />
      <h2 style={{ marginTop: 14 }}>Signing keys</h2>
      <table className="data" data-testid="oauth-keys">
        <thead><tr><th>Key ID (kid)</th><th>Algorithm</th><th>Created</th><th>Status</th></tr></thead>
        <tbody>
          {overview.keys.map((k) => (
            <tr key={k.kid}>
              <td><code>{k.kid}</code></td>
              <td>{k.alg}</td>
              <td>{formatTime(k.created_at)}</td>
              <td>{k.retired_at ? <span className="badge badge-muted">published until {formatTime(k.published_until!)}</span> : <span className="badge badge-ok">signing</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: 10 }}>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onRotate} data-testid="oauth-rotate">Rotate signing key</button>
      </div>
    </div>
  );
}
