import { usePendingNavigation } from '../lib/router';
import { ConfirmDialog } from './ConfirmDialog';

/** Asks before leaving a page that has unsaved work (see useNavigationGuard). */
export function NavigationPrompt() {
  const { pending, leave, stay } = usePendingNavigation();
  if (!pending) return null;
  return (
    <ConfirmDialog title="Leave this page?" confirmLabel="Leave" danger onConfirm={leave} onCancel={stay} testId="leave-dialog">
      <p data-testid="leave-dialog-message">{pending.message}</p>
    </ConfirmDialog>
  );
}
