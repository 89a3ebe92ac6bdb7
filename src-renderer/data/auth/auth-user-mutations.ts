// Mutations of the users table: create, confirm, ban, delete, send a magic link, mint an access token.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { authKeys } from './keys';
import type { ImpersonationToken } from './types';

function useAuthMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: authKeys.all }) });
}

export const useCreateAuthUserMutation = () =>
  useAuthMutation((input: { email: string; password: string; email_confirm: boolean }) => api('/api/auth/users', { method: 'POST', body: input }));

export const useConfirmAuthUserMutation = () =>
  useAuthMutation((id: string) => api(`/api/auth/users/${id}/confirm`, { method: 'POST' }));

export const useBanAuthUserMutation = () =>
  useAuthMutation((input: { id: string; duration: string }) => api(`/api/auth/users/${input.id}/ban`, { method: 'POST', body: { duration: input.duration } }));

export const useDeleteAuthUserMutation = () =>
  useAuthMutation((id: string) => api(`/api/auth/users/${id}`, { method: 'DELETE' }));

export const useSendMagicLinkMutation = () =>
  useAuthMutation((id: string) => api<{ sent: boolean; recipient: string }>(`/api/auth/users/${id}/magic-link`, { method: 'POST' }));

export const useAccessTokenMutation = () =>
  useAuthMutation((id: string) => api<ImpersonationToken>(`/api/auth/users/${id}/token`, { method: 'POST' }));
