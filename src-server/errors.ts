// The one error type of the API and its JSON shape: {error, message, code, detail, details, hint}.
export interface ErrorBody {
  error: string;
  message: string;
  code: string;
  detail: unknown;
  details: unknown;
  hint: string | null;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly detail: unknown;
  readonly hint: string | null;
  readonly headers: Record<string, string>;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    opts: { detail?: unknown; hint?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.detail = opts.detail ?? null;
    this.hint = opts.hint ?? null;
    this.headers = opts.headers ?? {};
  }
}

export function errorBody(message: string, code: string, detail: unknown = null, hint: string | null = null): ErrorBody {
  return { error: message, message, code, detail, details: detail, hint };
}

export const badRequest = (code: string, message: string, opts?: { detail?: unknown; hint?: string | null }) =>
  new ApiError(400, code, message, opts);
export const notFound = (code: string, message: string, opts?: { detail?: unknown; hint?: string | null }) =>
  new ApiError(404, code, message, opts);
