import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Me, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';

export type MfaChallenge = Schemas['MfaChallengeDto'];

/** What the password step answers: signed in, or the second factor to give (DESIGN §16). */
export type SignInStep = { kind: 'signed-in'; user: Me } | { kind: 'mfa'; challenge: MfaChallenge };

/** Puts the signed-in user in place of whatever the page held before. */
export function useSignedIn() {
  const qc = useQueryClient();
  return (user: Me) => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(queryKeys.me, user);
  };
}

/** Signs in with a cookie session: the API sets the HttpOnly session cookie and answers no token, or asks for the second factor. */
export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }): Promise<SignInStep> => {
      const answer = await call(api.POST('/api/v1/auth/login', { body: { ...body, session: 'cookie' } }));
      return 'mfaRequired' in answer ? { kind: 'mfa', challenge: answer } : { kind: 'signed-in', user: answer.user };
    },
    onSuccess: (step) => {
      if (step.kind === 'signed-in') signedIn(step.user);
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
