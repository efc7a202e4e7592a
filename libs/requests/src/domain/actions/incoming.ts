/**
 * A request received on paper from an OFFLINE authority (DESIGN §14): registered by an
 * OFFICER of this node, it starts in SENT with this node's authority as the requested side,
 * and runs as any incoming request. Its checks here; its row inserted with its first event
 * and its deadlines by the pipeline (`RequestCommands.createIncoming`).
 */
import type { FieldError } from '@mla/core';
import type { Transmission } from '@mla/domain';
import type { AuthorityRow, Principal } from '@mla/identity';
import { checkDispatchedAt } from '../recording-dates';
import type { RequestRow } from '../request-row';
import type { ActionPorts } from './action-ports';
import { newDraftRow, type CreateInput } from './draft.actions';
import { forbidden, ruleViolated } from './refusal';

export type IncomingInput = CreateInput & {
  /** The OFFLINE authority that sent it. */
  requestingAuthorityId: string;
  /** When it arrived (ISO 8601 date-time); not in the future. */
  receivedAt: string;
  transmission: Transmission;
};

const OFFICER_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

/**
 * The caller is an OFFICER; the requesting authority works on no hub (OFFLINE) and is of
 * another country; the requested authority is one of this node's (LOCAL) officer authorities
 * of the caller's country; neither date lies in the future. Answers both authorities.
 */
export async function incomingRule(ports: ActionPorts, p: Principal, input: IncomingInput, now: Date): Promise<{ requesting: AuthorityRow; requested: AuthorityRow }> {
  if (p.role !== 'OFFICER') throw forbidden('Only an officer registers a request received on paper');
  const found = await ports.authorities.findByIds([input.requestingAuthorityId, input.requestedAuthorityId]);
  const requesting = found.find((a) => a.id === input.requestingAuthorityId);
  const requested = found.find((a) => a.id === input.requestedAuthorityId);
  const errors: FieldError[] = [];
  if (!requesting) errors.push({ field: 'requestingAuthorityId', message: 'names no authority' });
  else if (requesting.reach !== 'OFFLINE') errors.push({ field: 'requestingAuthorityId', message: `${requesting.code} works on MLA Hub (${requesting.reach}): it sends its requests itself` });
  else if (requesting.country === p.country) errors.push({ field: 'requestingAuthorityId', message: `must be an authority of another country than ${p.country}` });
  if (!requested) errors.push({ field: 'requestedAuthorityId', message: 'names no authority' });
  else if (requested.reach !== 'LOCAL' || requested.country !== p.country || !OFFICER_KINDS.includes(requested.kind)) {
    errors.push({ field: 'requestedAuthorityId', message: `must be a central authority or 24/7 contact point of ${p.country} on this node` });
  }
  if (errors.length > 0 || !requesting || !requested) throw ruleViolated('The request cannot be registered between these authorities', errors);
  if (new Date(input.receivedAt).getTime() > now.getTime()) throw ruleViolated('A request cannot be received in the future', [{ field: 'receivedAt', message: 'lies in the future' }]);
  checkDispatchedAt('transmission.dispatchedAt', input.transmission.dispatchedAt, now);
  return { requesting, requested };
}

/** The new row of a request received (on paper, or from a peer node): in SENT since it arrived, this node's authority the requested side. */
export function newIncomingRow(
  input: Omit<IncomingInput, 'transmission'> & { transmission?: Transmission },
  at: { id: string; now: Date; createdBy: string | null; requesting: AuthorityRow; requested: AuthorityRow },
): RequestRow {
  const { requestingAuthorityId: _r, receivedAt, transmission, ...content } = input;
  const receivedAtDate = new Date(receivedAt);
  return {
    ...newDraftRow(content, at),
    state: 'SENT',
    language: content.language ?? at.requesting.language.slice(0, 2).toLowerCase(),
    submittedAt: receivedAtDate,
    sentAt: receivedAtDate,
    sendingAuthorityId: at.requesting.id,
    // Received from a peer node (DESIGN §15), the hub carried it: no transmission.
    transmission: transmission ? { channel: transmission.channel, dispatchedAt: new Date(transmission.dispatchedAt).toISOString(), dispatchReference: transmission.dispatchReference } : null,
  };
}
