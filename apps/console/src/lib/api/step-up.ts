import type { Middleware } from 'openapi-fetch';

/** Asks the person for their second factor; resolves true once it is given, false when they cancel. */
export type StepUpAsker = () => Promise<boolean>;

let asker: StepUpAsker | null = null;
/** Copies of the changes sent, kept until their answer (a request's body can be read once). */
const copies = new WeakMap<Request, Request>();

/** Installs (or removes, with null) the dialog that asks for the factor: the signed-in layout does. */
export function setStepUpAsker(next: StepUpAsker | null): void {
  asker = next;
}

/**
 * Step-up (DESIGN §16): when a change answers 403 STEP_UP_REQUIRED (send, deliver_evidence,
 * an administrator's change), the person is asked for their second factor and, once given,
 * the same request is sent again; its answer is the one the caller sees.
 */
export const stepUpMiddleware: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && !request.url.includes('/auth/')) copies.set(request, request.clone());
    return undefined;
  },
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    copies.delete(request);
    if (response.status !== 403 || !copy || !asker) return undefined;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string } | null;
    if (body?.code !== 'STEP_UP_REQUIRED' || !(await asker())) return undefined;
    return fetch(copy);
  },
};
