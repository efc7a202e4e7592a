import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import { useSignedIn } from './session';

export type MfaStatus = Schemas['MfaStatusDto'];
type Options = Parameters<typeof startAuthentication>[0]['optionsJSON'];
type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** A factor as the person gives it: a code typed (TOTP or recovery), or their passkey. */
export type Factor = { code: string } | { passkey: true };

export const mfaKey = ['me', 'mfa'] as const;

/** GET /me/mfa: the caller's factors (read only while `enabled`). */
export function useMfaStatus(enabled = true) {
  return useQuery({ queryKey: mfaKey, queryFn: () => call(api.GET('/api/v1/me/mfa')), enabled });
}

/** The proof to send for a factor: the code, or the browser's passkey assertion for fresh options. */
async function proofOf(factor: Factor, options: () => Promise<unknown>): Promise<{ code?: string; assertion?: Record<string, unknown> }> {
  if ('code' in factor) return { code: factor.code.trim() };
  const assertion = await startAuthentication({ optionsJSON: (await options()) as Options });
  return { assertion: assertion as unknown as Record<string, unknown> };
}

/** The second step of the sign-in: the challenge token and a factor open the cookie session. */
export function useCompleteSignIn(challengeToken: string) {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: async (factor: Factor) => {
      const proof = await proofOf(factor, () => call(api.POST('/api/v1/auth/mfa/passkey-options', { body: { challengeToken } })));
      return call(api.POST('/api/v1/auth/mfa', { body: { challengeToken, ...proof } }));
    },
    onSuccess: (answer) => signedIn(answer.user),
  });
}

/** POST /auth/step-up: the factor given again on this session. */
export function useStepUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (factor: Factor) => {
      const proof = await proofOf(factor, () => call(api.POST('/api/v1/auth/step-up/passkey-options')));
      return call(api.POST('/api/v1/auth/step-up', { body: proof }));
    },
    onSuccess: (status) => qc.setQueryData(mfaKey, status),
  });
}

/** POST /me/mfa/totp: a new secret and its otpauth URI (shown once). */
export function useStartTotp() {
  return useMutation({ mutationFn: () => call(api.POST('/api/v1/me/mfa/totp')) });
}

/** After an enrolment: the user (enrolled now) and their factors are read again. */
function useEnrolled() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.me, exact: true }), qc.invalidateQueries({ queryKey: mfaKey })]);
}

/** POST /me/mfa/totp/confirm: the app's code turns it on; the first factor answers the recovery codes (once). */
export function useConfirmTotp() {
  const enrolled = useEnrolled();
  return useMutation({
    mutationFn: (code: string) => call(api.POST('/api/v1/me/mfa/totp/confirm', { body: { code: code.trim() } })),
    onSuccess: () => void enrolled(),
  });
}

/** Registers a passkey of this browser (options, the browser's ceremony, verification). */
export function useAddPasskey() {
  const enrolled = useEnrolled();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = await call(api.POST('/api/v1/me/mfa/passkeys/options'));
      const response = await startRegistration({ optionsJSON: options as unknown as CreationOptions });
      return call(api.POST('/api/v1/me/mfa/passkeys', { body: { response: response as unknown as Record<string, unknown>, ...(name.trim() ? { name: name.trim() } : {}) } }));
    },
    onSuccess: () => void enrolled(),
  });
}
