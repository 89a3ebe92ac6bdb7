import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { authKeys } from './keys';
import type { InboxMessage } from './types';

/** The local inbox, newest first; polled so new mail shows up while an app signs users up. */
export function useAuthInboxQuery() {
  return useQuery({
    queryKey: authKeys.inbox(),
    queryFn: () => api<{ messages: InboxMessage[] }>('/api/auth/inbox?limit=200'),
    select: (d) => d.messages,
    refetchInterval: 2000,
  });
}

export function useClearInboxMutation() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api('/api/auth/inbox', { method: 'DELETE' }), onSuccess: () => qc.invalidateQueries({ queryKey: authKeys.inbox() }) });
}
