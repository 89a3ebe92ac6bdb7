import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { useDdlApplyMutation, useDdlPreviewMutation } from '../../data/table-editor/ddl-mutations';
import type { DdlOperation } from '../../data/table-editor/types';

/** Shows the exact SQL of a schema change (from /ddl/preview) and runs it only when confirmed (/ddl/apply). */
export function DdlPreviewDialog({ op, title, danger, requireText, onDone, onCancel }: { op: DdlOperation; title: string; danger?: boolean; requireText?: string; onDone: () => void; onCancel: () => void }) {
  const preview = useDdlPreviewMutation();
  const apply = useDdlApplyMutation();
  const key = JSON.stringify(op);
  useEffect(() => {
    preview.mutate(JSON.parse(key) as DdlOperation);
  }, [key]);
  return (
    <ConfirmDialog title={title} confirmLabel="Run SQL" danger={danger} busy={apply.isPending || !preview.data} error={apply.error} requireText={requireText}
      onConfirm={() => apply.mutate(op, { onSuccess: onDone })} onCancel={onCancel} testId="ddl-dialog">
      <p className="small muted">This SQL will run in one transaction:</p>
      {preview.error ? <ErrorNotice error={preview.error} testId="ddl-preview-error" /> : <pre className="snippet" data-testid="ddl-sql">{preview.data?.sql ?? 'Preparing…'}</pre>}
    </ConfirmDialog>
  );
}
