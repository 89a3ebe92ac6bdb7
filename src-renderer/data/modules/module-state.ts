import { useModulesQuery, type ModuleState } from './modules-query';

/** One module's state from /api/modules (undefined while loading or when the server cannot say). */
export function useModuleState(id: string): ModuleState | undefined {
  return useModulesQuery().data?.modules.find((m) => m.id === id);
}
