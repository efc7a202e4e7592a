import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, call, toProblem, type Me, type Schemas } from '@/lib/api/client';
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

/** A refused sign-in: the problem, and what the API says of the limits (attempts left before a pause, or how long the pause lasts). */
export class SignInProblem extends ApiProblem {
  constructor(
    problem: ApiProblem,
    readonly attemptsRemaining: number | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem.status, problem.code, problem.detail, problem.errors, problem.requestId);
  }
}

const numberOr = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Signs in with a cookie session: the API sets the HttpOnly session cookie (and this
 * browser's device token, with which the account's lockout never stops it) and answers no
 * token, or asks for the second factor.
 */
export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }): Promise<SignInStep> => {
      const res = await api.POST('/api/v1/auth/login', { body: { ...body, session: 'cookie' } }).catch((error: unknown) => {
        throw new ApiProblem(0, 'NETWORK', (error as Error)?.message ?? 'network error');
      });
      if (!res.response.ok || !res.data) {
        const b = (res.error ?? {}) as { attemptsRemaining?: unknown; retryAfterSeconds?: unknown };
        throw new SignInProblem(toProblem(res.response.status, res.error), numberOr(b.attemptsRemaining), numberOr(b.retryAfterSeconds));
      }
      const answer = res.data;
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
