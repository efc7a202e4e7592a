/**
 * Counterparts that are not on this node (DESIGN §14), as pure rules: which side of a request
 * an OFFLINE authority is on, who records its acts, and when its answer is to be chased.
 * "The state table stays the one table": a recorded act is the same command, taken for the
 * counterpart by a recorder; these rules only say whether the caller records it, and for whom.
 */
import { addIsoDuration, RECORDABLE_ACTIONS, type RecordedFrom, type RequestState, type Side, type Transmission } from '@mla/domain';
import type { Principal } from '@mla/identity';
import { forbidden, incomplete, ruleViolated } from './actions/refusal';
import { offlineSideOf } from './counterpart-sides';
import { checkRecordedFromDates } from './recording-dates';
import { ballHolder } from './ball-holder';
import type { RequestRow } from './request-row';
import { sideOf } from './visibility';

export { offlineSideOf as offlineSide, keeperSideOf as keeperSide } from './counterpart-sides';

/** Who acts in a recorded event: the counterpart authority (no user of this node). */
export interface CounterpartActor {
  userId: null;
  role: string;
  authorityId: string;
  authorityCode: string;
  country: string;
}

export type Acting = { recorded: false } | { recorded: true; counterpart: CounterpartActor; recordedFrom: RecordedFrom };

/**
 * How the caller takes `action` (whose table entry acts for `spec.side`): as itself, or as
 * the recorder of the OFFLINE counterpart's act (DESIGN §14). Recording is for an OFFICER of
 * the other side (this node's country): without `recordedFrom` 422; an act of a LOCAL or PEER
 * authority is never recorded by someone else (403), nor by anyone but such an officer (403).
 */
export function actingOf(
  action: string,
  spec: { role: string; side: string | null },
  row: RequestRow,
  actor: Principal | null,
  input: Record<string, unknown>,
  now: Date,
): Acting {
  const given = input.recordedFrom as RecordedFrom | undefined;
  if (!actor || !(RECORDABLE_ACTIONS as readonly string[]).includes(action) || (spec.side !== 'REQUESTED' && spec.side !== 'REQUESTING')) {
    return { recorded: false };
  }
  const actorSide = sideOf(actor, row);
  const counterpartSide = spec.side as Side;
  const counterpart = counterpartSide === 'REQUESTED'
    ? { authorityId: row.requestedAuthorityId, authorityCode: row.requestedAuthorityCode, country: row.requestedCountry, reach: row.requestedAuthorityReach }
    : { authorityId: row.requestingAuthorityId, authorityCode: row.requestingAuthorityCode, country: row.requestingCountry, reach: row.requestingAuthorityReach };
  const otherSide = actorSide !== null && actorSide !== counterpartSide;
  if (given === undefined) {
    if (actor.role === 'OFFICER' && otherSide && counterpart.reach === 'OFFLINE') {
      throw incomplete(`${counterpart.authorityCode} works on no MLA Hub: its ${action} is recorded from its correspondence`, [
        { field: 'recordedFrom', message: 'is required to record an act of an OFFLINE counterpart' },
      ]);
    }
    return { recorded: false };
  }
  if (actorSide === counterpartSide) {
    throw ruleViolated('recordedFrom is only for an act of an OFFLINE counterpart', [{ field: 'recordedFrom', message: 'your own act is not recorded from correspondence' }]);
  }
  if (actor.role !== 'OFFICER' || !otherSide) {
    const country = counterpartSide === 'REQUESTED' ? row.requestingCountry : row.requestedCountry;
    throw forbidden(`Only an officer of ${country} records the acts of ${counterpart.authorityCode}`);
  }
  if (counterpart.reach !== 'OFFLINE') {
    throw forbidden(`${counterpart.authorityCode} works on MLA Hub (${counterpart.reach}): its acts are its own, never recorded by someone else`);
  }
  const zone = counterpartSide === 'REQUESTED' ? row.requestingAuthorityTimezone : row.requestedAuthorityTimezone;
  checkRecordedFromDates(given, now, zone);
  return {
    recorded: true,
    counterpart: { userId: null, role: spec.role, authorityId: counterpart.authorityId, authorityCode: counterpart.authorityCode, country: counterpart.country },
    recordedFrom: { correspondenceDate: given.correspondenceDate, receivedAt: new Date(given.receivedAt).toISOString(), channel: given.channel, reference: given.reference, documentId: given.documentId },
  };
}

/** What a change does to the chase of an OFFLINE counterpart. */
export interface ChaseStep {
  /** The command's name. */
  action: string;
  /** The state after it. */
  toState: RequestState;
  /** A recorded act: the letter it was recorded from. */
  recordedFrom: RecordedFrom | null;
  /** send (or a request received on paper): its transmission. */
  transmission: Transmission | null;
  /** chase: the chaser sent. */
  chaser: { channel: string; dispatchedAt: string } | null;
  now: Date;
}

/**
 * When this side next chases the counterpart (DESIGN §14): only while the counterpart holds
 * the ball; restarted (from the dispatch, the letter received, or the chaser sent) by the
 * transmission, by each act recorded and by each chaser, by the interval of its channel
 * (`intervalOf`). Answers the changes of the request row (none when nothing moves).
 */
export function chaseChanges(
  row: RequestRow,
  step: ChaseStep,
  intervalOf: (channel: string) => string,
): Partial<Pick<RequestRow, 'chaseDueAt'>> {
  const offline = offlineSideOf(row);
  if (offline === null) return {};
  if (ballHolder(step.toState) !== offline) return row.chaseDueAt === null ? {} : { chaseDueAt: null };
  const zone = offline === 'REQUESTED' ? row.requestingAuthorityTimezone : row.requestedAuthorityTimezone;
  const channel = step.chaser?.channel ?? step.recordedFrom?.channel ?? step.transmission?.channel ?? row.transmission?.channel ?? 'OTHER';
  const from = step.chaser?.dispatchedAt ?? step.recordedFrom?.receivedAt ?? step.transmission?.dispatchedAt;
  if (from === undefined && step.toState === row.state && row.chaseDueAt !== null) return {};
  return { chaseDueAt: addIsoDuration(new Date(from ?? step.now), intervalOf(channel), zone) };
}
