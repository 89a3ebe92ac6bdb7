// One HTTP attempt: POST the exact body bytes, signed when there is a secret, redirects not followed (node:http never
// follows them), bounded time. Keep-alive agents: a webhook's events go out one after another to the same host.
import crypto from 'node:crypto';
import { http, https } from '../node-http.js';

export const RESPONSE_BODY_LIMIT = 4096;
/** Past this much response body the connection is dropped instead of drained. */
const DRAIN_LIMIT = 1024 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

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

interface RawResponse {
  status: number;
  location?: string;
  body: string;
}

class AttemptError extends Error {
  constructor(message: string, readonly retryable = false) {
    super(message);
  }
}

function post(url: URL, headers: Record<string, string>, body: Buffer, remainingMs: number, timeoutMs: number, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: 'POST', headers, agent: agents[url.protocol as 'http:' | 'https:'] });
    const timer = setTimeout(() => req.destroy(new AttemptError(`Timed out after ${timeoutMs} ms`)), Math.max(0, remainingMs));
    const onAbort = () => req.destroy(new AttemptError('Aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    req.on('error', (err: NodeJS.ErrnoException) => {
      done();
      if (err instanceof AttemptError) return reject(err);
      // A kept-alive connection the receiver closed meanwhile: not the receiver's fault, try a fresh one once.
      const stale = req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
      reject(new AttemptError(err.code ? `${err.code}: ${err.message}` : err.message, stale));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk);
        size += chunk.length;
        if (size > DRAIN_LIMIT) res.destroy();
      });
      const finish = () => {
        done();
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8');
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text.replace(/\uFFFD$/, '').replaceAll('\u0000', '') });
      };
      res.on('end', finish);
      res.on('close', () => {
        if (!res.complete) finish();
      });
      res.on('error', () => undefined);
    });
    req.end(body);
  });
}

export async function deliver(req: DeliveryRequest): Promise<DeliveryResult> {
  const body = Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = {
    ...req.headers,
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    'User-Agent': 'Trestle-Webhooks',
    'X-Truss-Event': req.event,
  };
  if (req.eventId) headers['X-Truss-Event-Id'] = req.eventId;
  if (req.secret) headers['X-Truss-Signature'] = signBody(req.secret, req.body);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const url = new URL(req.url);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await post(url, headers, body, req.timeoutMs - (performance.now() - started), req.timeoutMs, req.signal);
      const success = res.status >= 200 && res.status < 300;
      const error = success ? null : res.status >= 300 && res.status < 400
        ? `Redirect (${res.status}) not followed${res.location ? ` to ${res.location}` : ''}`
        : `Receiver answered ${res.status}`;
      return { success, status_code: res.status, latency_ms: latency(), response_body: res.body, error };
    } catch (err) {
      const e = err as AttemptError;
      if (e.retryable && attempt === 0 && !req.signal?.aborted) continue;
      return { success: false, status_code: null, latency_ms: latency(), response_body: null, error: e.message };
    }
  }
}
