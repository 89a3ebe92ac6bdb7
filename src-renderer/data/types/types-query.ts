import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { typesKeys } from './keys';
import type { GeneratedTypes, TypesSettings } from './types';

/** The generated Database type for the given comma-separated schemas. */
export function useTypesQuery(schemas: string) {
  return useQuery({
    queryKey: typesKeys.generated(schemas),
    queryFn: () => api<GeneratedTypes>(`/api/types/typescript?included_schemas=${encodeURIComponent(schemas)}`),
  });
}

export function useTypesSettingsQuery() {
  return useQuery({ queryKey: typesKeys.settings(), queryFn: () => api<TypesSettings>('/api/types/settings'), refetchInterval: 5_000 });
}
