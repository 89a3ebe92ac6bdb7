import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { typesKeys } from './keys';
import type { TypesSettings, TypesWrite } from './types';

export function useTypesSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Pick<TypesSettings, 'file' | 'schemas' | 'write_on_change'>>) => api<TypesSettings>('/api/types/settings', { method: 'PATCH', body: patch }),
    onSuccess: (settings) => qc.setQueryData(typesKeys.settings(), settings),
  });
}

/** Writes the types to the configured file now. */
export function useTypesWriteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<TypesWrite>('/api/types/write', { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: typesKeys.settings() }),
  });
}
