// One HTTP attempt: POST the exact body bytes, signed when there is a secret, redirects not followed, bounded time.
import crypto from 'node:crypto';

export const RESPONSE_BODY_LIMIT = 4096;

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  secret: string | null;
  eventId: string | null;
  event: string;
  body: string;
  timeoutMs: number;
  /** Aborts the attempt (shutdown). */
  signal?: AbortSignal;
}

export interface DeliveryResult {
  success: boolean;
  status_code: number | null;
  latency_ms: number;
  response_body: string | null;
  error: string | null;
}

export function signBody(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
  return text.replace(/\uFFFD$/, '').replace(/\u0000/g, '');
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `Timed out after ${timeoutMs} ms`;
  if (e?.name === 'AbortError') return 'Aborted';
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return e?.message ?? String(err);
}

export async function deliver(req: DeliveryRequest): Promise<DeliveryResult> {
  const headers: Record<string, string> = {
    ...req.headers,
    'Content-Type': 'application/json',
    'User-Agent': 'Trestle-Webhooks',
    'X-Truss-Event': req.event,
  };
  if (req.eventId) headers['X-Truss-Event-Id'] = req.eventId;
  if (req.secret) headers['X-Truss-Signature'] = signBody(req.secret, req.body);
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const started = performance.now();
  try {
    const response = await fetch(req.url, { method: 'POST', headers, body: req.body, redirect: 'manual', signal });
    const body = await readLimited(response);
    const success = response.status >= 200 && response.status < 300;
    return {
      success, status_code: response.status, latency_ms: Math.round(performance.now() - started), response_body: body,
      error: success ? null : response.status >= 300 && response.status < 400
        ? `Redirect (${response.status}) not followed${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}`
        : `Receiver answered ${response.status}`,
    };
  } catch (err) {
    return { success: false, status_code: null, latency_ms: Math.round(performance.now() - started), response_body: null, error: describe(err, req.timeoutMs) };
  }
}
