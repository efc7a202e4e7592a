import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';

/** Signs in with a cookie session: the API sets the HttpOnly session cookie and answers no token. */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const answer = await call(api.POST('/api/v1/auth/login', { body: { ...body, session: 'cookie' } }));
      return answer.user;
    },
    onSuccess: (user) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(queryKeys.me, user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.POST('/api/v1/auth/logout', {});
    },
    onSettled: () => {
      qc.clear();
      qc.setQueryData(queryKeys.me, null);
    },
  });
}

/** POST /me/password: the caller's own password; the API ends every other session of theirs (this one stays). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => call(api.POST('/api/v1/me/password', { body })),
  });
}
