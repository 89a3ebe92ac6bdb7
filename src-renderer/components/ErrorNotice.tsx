import { ApiRequestError } from '../lib/api';

export function ErrorNotice({ error, testId = 'error-notice' }: { error: unknown; testId?: string }) {
  const e = error instanceof ApiRequestError ? error : null;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <strong>{e ? e.code : 'Error'}</strong> {error instanceof Error ? error.message : String(error)}
      {e?.hint && <div className="hint">{e.hint}</div>}
    </div>
  );
}
