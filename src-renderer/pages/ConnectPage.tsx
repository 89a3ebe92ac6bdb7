import { useConnectQuery, type ConnectInfo } from '../data/connect/connect-query';
import { useHealthQuery, type Health } from '../data/health/health-query';
import { CodeLine } from '../components/CodeLine';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes } from '../lib/format';

function HealthCard({ health }: { health: Health }) {
  const db = health.database;
  return (
    <div className="card" data-testid="health-card">
      <h2>Server health</h2>
      <p>
        <StatusBadge ok={health.status === 'ok'} text={health.status === 'ok' ? 'Healthy' : 'Degraded'} testId="health-status" />{' '}
        Trestle {health.version}, up {formatDuration(health.uptime_seconds)}
      </p>
      <dl className="facts">
        <dt>Database</dt><dd data-testid="health-db-name">{db.name} ({db.embedded ? 'embedded' : 'external'})</dd>
        <dt>Postgres</dt><dd>{db.version ?? '—'}</dd>
        <dt>Size</dt><dd>{formatBytes(db.size_bytes)}</dd>
        <dt>Latency</dt><dd>{db.latency_ms === null ? '—' : `${db.latency_ms} ms`}</dd>
      </dl>
      {db.error && <ErrorNotice error={new Error(db.error)} />}
    </div>
  );
}

function EndpointsCard({ info }: { info: ConnectInfo }) {
  return (
    <div className="card">
      <h2>Endpoints</h2>
      <CodeLine label="API URL" value={info.api_url} testId="api-url" />
      <CodeLine label="REST" value={info.rest_url} testId="rest-url" />
      <CodeLine label="Realtime" value={info.realtime_url} testId="realtime-url" />
      <CodeLine label="Postgres" value={info.postgres.url} testId="postgres-url" />
      <p><a href="/api/docs" target="_blank" rel="noreferrer" data-testid="api-docs-link">API reference</a> — every endpoint with its request and response schemas, served by this Trestle.</p>
    </div>
  );
}

function KeysCard({ info }: { info: ConnectInfo }) {
  const anonPrefix = info.keys.find((k) => k.key_type === 'anon')?.key_prefix ?? 'truss_pk_…';
  const anon = info.initial_secrets?.anon ?? `${anonPrefix}…`;
  const snippet = [
    `import { PostgrestClient } from '@supabase/postgrest-js'`,
    ``,
    `const db = new PostgrestClient('${info.rest_url}', {`,
    `  headers: { apikey: process.env.TRUSS_ANON_KEY },`,
    `})`,
    `const { data, error } = await db.from('todos').select('*')`,
  ].join('\n');
  const curl = `curl ${info.rest_url}/todos -H "apikey: ${anon}"`;
  return (
    <div className="card">
      <h2>Using your keys</h2>
      <p>
        Send a key in the <code>apikey</code> header. <strong>anon</strong> keys (<code>truss_pk_…</code>) respect row level security;
        <strong> service_role</strong> keys (<code>truss_sk_…</code>) bypass it and must stay on servers.
      </p>
      {info.initial_secrets ? (
        <div className="notice" data-testid="initial-secrets">
          <p><strong>Your first keys</strong> — shown until Trestle restarts; store them now.</p>
          <CodeLine label="anon" value={info.initial_secrets.anon} testId="initial-anon" />
          <CodeLine label="service_role" value={info.initial_secrets.service_role} testId="initial-service" />
        </div>
      ) : (
        <p>Active keys: {info.keys.map((k) => <code key={k.id} className="pill">{k.key_type} {k.key_prefix}…</code>)} — secrets are shown once, when a key is created.</p>
      )}
      <CodeLine label="curl" value={curl} testId="curl-snippet" />
      <pre className="snippet" data-testid="js-snippet">{snippet}</pre>
    </div>
  );
}

export function ConnectPage() {
  const health = useHealthQuery();
  const connect = useConnectQuery();
  return (
    <section className="page" data-testid="connect-page">
      <h1>Connect</h1>
      {health.error && <ErrorNotice error={health.error} />}
      {connect.error && <ErrorNotice error={connect.error} />}
      <div className="grid-2">
        {health.data && <HealthCard health={health.data} />}
        {connect.data && <EndpointsCard info={connect.data} />}
      </div>
      {connect.data && <KeysCard info={connect.data} />}
    </section>
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

