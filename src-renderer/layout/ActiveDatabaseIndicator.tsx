// Shows on every page which branch is active, with a one-click way back to main.
import { ActiveDatabaseBanner } from '../components/ActiveDatabaseBanner';
import { ErrorNotice } from '../components/ErrorNotice';
import { useBranchActivateMutation } from '../data/branches/branch-activate-mutation';
import { useBranchesQuery } from '../data/branches/branches-query';
import { useModuleState } from '../data/modules/module-state';

export function ActiveDatabaseIndicator() {
  const module = useModuleState('branches');
  const branches = useBranchesQuery({ enabled: module?.status !== 'not_available' });
  const activate = useBranchActivateMutation();
  const list = branches.data;
  if (!list || list.active_database === list.main.database_name) return null;
  const branch = list.branches.find((b) => b.id === list.active_branch_id || b.database_name === list.active_database);
  return (
    <>
      <ActiveDatabaseBanner label={branch?.label ?? list.active_database} database={list.active_database} busy={activate.isPending}
        onSwitchBack={() => activate.mutate('main')} />
      {activate.error && <ErrorNotice error={activate.error} />}
    </>
  );
}
