import type { EntityManager } from 'typeorm';
import type { FieldError } from '@mla/core';
import type { AuthoritiesRepository, AuthorityRow, Principal } from '@mla/identity';
import type { RequestChanges } from '../../request.row';
import type { RequestsRepository } from '../../requests.repository';
import { canSee } from '../../visibility';
import type { CommandPlan, RuleContext } from '../command.types';
import { ruleViolated } from './refusal';

const OFFICER_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

/** The requested authority: of another country, and a central authority or 24/7 point unless the channel is DIRECT. */
export function checkRequestedAuthority(requested: AuthorityRow | null, requesting: AuthorityRow, channel: string): AuthorityRow {
  const errors: FieldError[] = [];
  if (!requested) errors.push({ field: 'requestedAuthorityId', message: 'names no authority' });
  else if (requested.country === requesting.country) {
    errors.push({ field: 'requestedAuthorityId', message: `must be an authority of another country than ${requesting.country}` });
  } else if (channel !== 'DIRECT' && !OFFICER_KINDS.includes(requested.kind)) {
    errors.push({ field: 'requestedAuthorityId', message: 'must be a central authority or 24/7 contact point (or use channel DIRECT)' });
  }
  if (errors.length > 0 || !requested) throw ruleViolated('The requested authority cannot receive this request', errors);
  return requested;
}

/** A follow-up continues a PRESERVATION request the caller can see, sent to the same country. */
export async function checkRelated(
  requests: RequestsRepository,
  m: EntityManager | null,
  p: Principal,
  relatedId: string,
  type: string,
  requestedCountry: string,
): Promise<void> {
  const related = await requests.findRow(m, relatedId);
  const field = 'relatedRequestId';
  if (!related || !canSee(p, related)) throw ruleViolated('The related request was not found', [{ field, message: 'names no request you can see' }]);
  if (related.type !== 'PRESERVATION') throw ruleViolated('A follow-up continues a preservation request', [{ field, message: 'must name a PRESERVATION request' }]);
  if (type === 'PRESERVATION') throw ruleViolated('A preservation request does not continue another one', [{ field, message: 'must be empty for type PRESERVATION' }]);
  if (related.requestedCountry !== requestedCountry) {
    throw ruleViolated('The follow-up must go to the country that preserved the data', [{ field, message: `names a request to ${related.requestedCountry}` }]);
  }
}

/**
 * edit: the fields given change; a new requested authority or channel is checked, and a
 * follow-up still continues a preservation of the requested country.
 */
export const editRule =
  (authorities: AuthoritiesRepository, requests: RequestsRepository) =>
  async ({ m, row, input, actor }: RuleContext): Promise<CommandPlan> => {
    const changes: RequestChanges = {};
    for (const [field, value] of Object.entries(input)) if (value !== undefined) (changes as Record<string, unknown>)[field] = value;
    const type = (input.type as string | undefined) ?? row.type;
    const channel = (input.channel as string | undefined) ?? row.channel;
    let requestedCountry = row.requestedCountry;
    let view: CommandPlan['view'];
    if (input.requestedAuthorityId !== undefined || input.channel !== undefined) {
      const requestedId = (input.requestedAuthorityId as string | undefined) ?? row.requestedAuthorityId;
      const found = await authorities.findByIds([row.requestingAuthorityId, requestedId], m);
      const requesting = found.find((a) => a.id === row.requestingAuthorityId) as AuthorityRow;
      const requested = checkRequestedAuthority(found.find((a) => a.id === requestedId) ?? null, requesting, channel);
      requestedCountry = requested.country;
      changes.requestedCountry = requested.country;
      view = { requestedAuthorityCode: requested.code, requestedAuthorityName: requested.name, requestedAuthorityTimezone: requested.timezone };
    }
    const relatedId = input.relatedRequestId === undefined ? row.relatedRequestId : (input.relatedRequestId as string | null);
    if (relatedId && (input.relatedRequestId !== undefined || input.type !== undefined || input.requestedAuthorityId !== undefined)) {
      await checkRelated(requests, m, actor as Principal, relatedId, type, requestedCountry);
    }
    return { changes, view };
  };

/** delete: hidden from then on; its history stays. */
export const deleteRule = ({ now }: RuleContext): CommandPlan => ({ changes: { deletedAt: now }, eventInput: {} });
