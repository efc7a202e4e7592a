import type { NodeJwk } from '../crypto/jwks';
import { ReceiptRefused, verifyReceipt, type Receipt } from '../crypto/receipt';
import type { PostAnswer } from './message-post';

/** What a peer's answer to a message means for it. */
export type AnswerVerdict =
  | { outcome: 'DELIVERED' | 'REJECTED'; receipt: string; payload: Receipt; code: string | null; reason?: string | null; detail?: string | null }
  | { outcome: 'RETRY'; error: string };

/**
 * Reads a peer's answer to a message (DESIGN §15): a 202 whose receipt verifies with the
 * peer's keys, names this message and its digest and says ACCEPTED is DELIVERED; a 4xx whose
 * problem carries such a receipt saying REJECTED is REJECTED with its code. Anything else (a
 * 5xx, an answer without a receipt, a receipt that does not verify or names another message
 * or body) is retried: nothing proves the peer has, or has refused, this message. A refusal
 * whose reason is OUT_OF_ORDER (an event that came before the one it follows) is retried too:
 * the peer will take it once the earlier one has arrived. A rejection keeps the problem's
 * reason and detail (what the peer says of why, e.g. "withdraw is not allowed from state REFUSED").
 */
export const RETRIED_REASONS: readonly string[] = ['OUT_OF_ORDER'];

export async function judgeAnswer(answer: PostAnswer, keys: readonly NodeJwk[], messageId: string, digest: string): Promise<AnswerVerdict> {
  const retry = (error: string): AnswerVerdict => ({ outcome: 'RETRY', error: `HTTP ${answer.status}: ${error}` });
  const accepted = answer.status === 202;
  if (!accepted && !(answer.status >= 400 && answer.status < 500)) return retry('no receipt expected in this answer');
  let jws: unknown;
  let problem: { reason?: unknown; detail?: unknown } = {};
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as { receipt?: unknown; reason?: unknown; detail?: unknown } | null;
    jws = body?.receipt;
    problem = body ?? {};
  } catch {
    return retry('the answer is not JSON');
  }
  if (typeof jws !== 'string') return retry('the answer carries no receipt');
  let payload: Receipt;
  try {
    payload = await verifyReceipt(jws, keys);
  } catch (error) {
    if (error instanceof ReceiptRefused) return retry(`the receipt does not verify with the peer's keys (${error.message})`);
    throw error;
  }
  if (payload.messageId !== messageId || payload.digest !== digest) return retry(`the receipt names another message or body (${String(payload.messageId)}, ${String(payload.digest)})`);
  if (accepted && payload.status === 'ACCEPTED') return { outcome: 'DELIVERED', receipt: jws, payload, code: null };
  if (!accepted && payload.status === 'REJECTED') {
    const reason = typeof problem.reason === 'string' ? problem.reason.slice(0, 64) : null;
    const detail = typeof problem.detail === 'string' ? problem.detail.slice(0, 2000) : null;
    if (reason !== null && RETRIED_REASONS.includes(reason)) return retry(`${reason}: ${detail ?? ''}`);
    return { outcome: 'REJECTED', receipt: jws, payload, code: payload.code ?? null, reason, detail };
  }
  return retry(`the receipt says ${payload.status}`);
}
