import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { authKeys } from './keys';
import type { AuthUser } from './types';

export const USERS_PAGE_SIZE = 50;

export function useAuthUsersQuery(search: string, offset: number) {
  return useQuery({
    queryKey: authKeys.users(search, offset),
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(USERS_PAGE_SIZE), offset: String(offset) });
      if (search) q.set('search', search);
      return api<{ users: AuthUser[]; total: number }>(`/api/auth/users?${q}`);
    },
    placeholderData: keepPreviousData,
    // Sign-ups and confirmations happen in the app being developed: keep the list live.
    staleTime: 0,
    refetchInterval: 3000,
  });
}
