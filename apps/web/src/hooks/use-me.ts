import { useQuery } from '@tanstack/react-query';
import { authApi } from '../api/endpoints';
import { ApiError, setCsrfToken } from '../api/http';
import type { Me } from '../api/types';

/** Who is signed in: undefined while loading, null when not signed in (401). */
export function useMe(): { me: Me | null | undefined; error: unknown } {
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await authApi.me();
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  return { me: query.data, error: query.error };
}
