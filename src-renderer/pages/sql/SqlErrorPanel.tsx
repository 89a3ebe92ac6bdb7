import { ApiRequestError } from '../../lib/api';
import type { SqlErrorDetail } from '../../data/sql/types';

/** A failed run: the Postgres error, its code, and the line/column (in the editor) it points at. */
export function SqlErrorPanel({ error, line, column }: { error: unknown; line: number | null; column: number | null }) {
  const e = error instanceof ApiRequestError ? error : null;
  const detail = (e?.detail ?? {}) as SqlErrorDetail;
  return (
    <div className="notice notice-error" role="alert" data-testid="sql-error">
      <div>
        <strong data-testid="sql-error-code">{e?.code ?? 'Error'}</strong> <span data-testid="sql-error-message">{error instanceof Error ? error.message : String(error)}</span>
      </div>
      {line !== null && (
        <div className="small" data-testid="sql-error-position">
          Line {line}, column {column}{detail.statement_index !== undefined ? ` (statement ${detail.statement_index + 1})` : ''}
        </div>
      )}
      {detail.postgres_detail && <div className="small muted">{detail.postgres_detail}</div>}
      {e?.hint && <div className="hint">{e.hint}</div>}
      {detail.statement_index !== undefined && <div className="small muted">The whole run was rolled back.</div>}
    </div>
  );
}
