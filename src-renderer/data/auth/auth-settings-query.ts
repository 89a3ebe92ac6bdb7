import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { authKeys } from './keys';
import type { AuthSettings, AuthSettingsResponse } from './types';

export function useAuthSettingsQuery() {
  return useQuery({ queryKey: authKeys.settings(), queryFn: () => api<AuthSettingsResponse>('/api/auth/settings') });
}

export function useAuthSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<AuthSettings>) => api<AuthSettingsResponse>('/api/auth/settings', { method: 'PATCH', body: patch }),
    onSuccess: (data) => qc.setQueryData(authKeys.settings(), data),
  });
}
