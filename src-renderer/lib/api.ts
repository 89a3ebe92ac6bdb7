// The one fetcher of the dashboard: same-origin /api calls with the session cookie, the CSRF header on
// mutations, a request id, and error bodies turned into ApiRequestError.
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: unknown = null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }
}

function cookie(name: string): string | undefined {
  return document.cookie.split('; ').find((c) => c.startsWith(name + '='))?.slice(name.length + 1);
}

/** The value mutations send as X-CSRF-Token (for requests made without apiFetch, e.g. uploads with progress). */
export function csrfToken(): string | undefined {
  const csrf = cookie('trestle_csrf');
  return csrf ? decodeURIComponent(csrf) : undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { 'x-request-id': crypto.randomUUID(), ...opts.headers };
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(path, { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  if (!res.ok) {
    let parsed: { error?: string; message?: string; code?: string; detail?: unknown; hint?: string | null } = {};
    try {
      parsed = await res.json();
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiRequestError(res.status, parsed.code ?? `HTTP_${res.status}`, parsed.error ?? parsed.message ?? res.statusText, parsed.detail ?? null, parsed.hint ?? null);
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
