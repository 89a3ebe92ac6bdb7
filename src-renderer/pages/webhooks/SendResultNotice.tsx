import type { SendResult } from '../../data/webhooks/types';

export function SendResultNotice({ verb, result }: { verb: string; result: SendResult }) {
  return (
    <div className={`notice ${result.success ? 'notice-ok' : 'notice-error'}`} data-testid="send-result">
      <strong>{verb}: {result.success ? 'delivered' : 'failed'}</strong> — status {result.status_code ?? 'none'} in {result.latency_ms} ms
      {result.error && <> · {result.error}</>}
      {result.response_body && <pre className="json" data-testid="send-result-body">{result.response_body}</pre>}
    </div>
  );
}
