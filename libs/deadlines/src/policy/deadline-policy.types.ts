/**
 * The typed model of the deadline policy file (DESIGN §5). Plain TypeScript: no framework.
 * PRESERVATION_EXPIRY is not in `deadlines`: it comes from the preserved-until date.
 */
import type { DeadlineKind, LegalBasis, Priority, PreservationPolicy, RequestType, TransmissionChannel } from '@mla/domain';

export type { PreservationPolicy };

/** A duration in the policy: an ISO 8601 duration (`PT8H`, `P20D`) or a count of business days. */
export type PolicyDuration = { kind: 'iso'; iso: string } | { kind: 'businessDays'; days: number };

/** The deadline kinds whose duration the policy gives. */
export type PolicyDeadlineKind = Exclude<DeadlineKind, 'PRESERVATION_EXPIRY'>;

/** The kinds given by priority only (EXECUTION is also by request type). */
export type SimpleDeadlineKind = Exclude<PolicyDeadlineKind, 'EXECUTION'>;

/** The request types that may have their own EXECUTION durations (PRESERVATION has no EXECUTION). */
export type ExecutionType = Exclude<RequestType, 'PRESERVATION'>;

export type DurationByPriority = Record<Priority, PolicyDuration>;

export type ExecutionDurations = { default: DurationByPriority } & Partial<Record<ExecutionType, DurationByPriority>>;

export type PolicyDeadlines = Record<SimpleDeadlineKind, DurationByPriority> & { EXECUTION: ExecutionDurations };

/** The deadlines tree of an override: any subset of the leaves. */
export type PartialPolicyDeadlines = Partial<Record<SimpleDeadlineKind, Partial<DurationByPriority>>> & {
  EXECUTION?: Partial<Record<ExecutionType | 'default', Partial<DurationByPriority>>>;
};

/** A reminder: at a fraction of the span (0 < f < 1) or a clock duration before the due time. */
export type ReminderRule = { atFraction: number } | { before: string };

export interface OverrideMatch {
  legalBasis: LegalBasis;
  requestingCountry: string;
  requestedCountry: string;
  priority: Priority;
  type: RequestType;
}

export interface PolicyOverride {
  /** Matches when every key it names equals the request's value (an empty match matches all). */
  match: Partial<OverrideMatch>;
  deadlines?: PartialPolicyDeadlines;
  preservation?: Partial<PreservationPolicy>;
}

export interface DeadlinePolicy {
  deadlines: PolicyDeadlines;
  preservation: PreservationPolicy;
  reminders: ReminderRule[];
  escalation: { level2AfterFraction: number };
  /**
   * How long this side waits for an OFFLINE counterpart before it chases (DESIGN §14), per
   * transmission channel (ISO 8601 durations); `default` for a channel not named.
   */
  chase: ChaseIntervals;
  /** First match wins. */
  overrides: PolicyOverride[];
}

/** The chase interval per transmission channel (ISO 8601 durations), `default` for the others. */
export type ChaseIntervals = { default: string } & Partial<Record<TransmissionChannel, string>>;

/** When the file names none: 30 days by diplomatic channel, 14 by e-mail, 21 by any other. */
export const DEFAULT_CHASE_INTERVALS: ChaseIntervals = { default: 'P21D', DIPLOMATIC: 'P30D', EMAIL: 'P14D' };

/** The chase interval of a channel. */
export function chaseIntervalOf(policy: Pick<DeadlinePolicy, 'chase'>, channel: string): string {
  return (policy.chase as Record<string, string | undefined>)[channel] ?? policy.chase.default;
}
