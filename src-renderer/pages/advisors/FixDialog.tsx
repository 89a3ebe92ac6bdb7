import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { useAdvisorFixMutation } from '../../data/advisors/advisor-fix-mutation';
import type { Lint } from '../../data/advisors/types';

/** Shows the exact SQL that fixes a lint; runs it only when confirmed. */
export function FixDialog({ lint, onDone, onCancel }: { lint: Lint; onDone: () => void; onCancel: () => void }) {
  const fix = useAdvisorFixMutation();
  if (!lint.fix) return null;
  return (
    <ConfirmDialog title={`Fix: ${lint.title}`} confirmLabel="Run SQL" busy={fix.isPending} error={fix.error} testId="fix-dialog"
      onConfirm={() => fix.mutate(lint.cache_key, { onSuccess: onDone })} onCancel={onCancel}>
      <p>{lint.detail}</p>
      <p className="small muted">This SQL runs on the active database in one transaction:</p>
      <pre className="snippet" data-testid="fix-sql">{lint.fix.sql}</pre>
      {lint.fix.note && <p className="notice" data-testid="fix-note">{lint.fix.note}</p>}
    </ConfirmDialog>
  );
}
