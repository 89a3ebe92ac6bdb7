import type { WebhookLog } from '../../data/webhooks/types';

function pretty(text: string | null): string {
  if (text === null || text === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The exact payload sent and what the receiver answered (first 4 KB). */
export function LogViewer({ log }: { log: WebhookLog }) {
  return (
    <div className="grid-2" data-testid="log-viewer">
      <div>
        <h3>Payload <span className="muted">(event {log.event_id ?? '—'})</span></h3>
        <pre className="json" data-testid="log-payload">{log.payload !== null ? JSON.stringify(log.payload, null, 2) : pretty(log.request_body)}</pre>
      </div>
      <div>
        <h3>Response <span className="muted">{log.status_code ?? 'no status'} in {log.latency_ms} ms</span></h3>
        {log.error && <div className="notice notice-error" data-testid="log-error">{log.error}</div>}
        <pre className="json" data-testid="log-response">{pretty(log.response_body)}</pre>
      </div>
    </div>
  );
}
