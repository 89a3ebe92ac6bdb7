import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { moduleKeys } from './keys';

export interface ModuleState {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  status: 'available' | 'not_available';
}

export function useModulesQuery() {
  return useQuery({ queryKey: moduleKeys.all, queryFn: () => api<{ modules: ModuleState[] }>('/api/modules'), staleTime: 60_000 });
}
