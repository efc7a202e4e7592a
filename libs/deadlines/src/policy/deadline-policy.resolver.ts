/**
 * Resolves the policy for one request (DESIGN §5): the first override whose match fits the
 * request replaces the base's deadlines and preservation entries at the leaf level.
 */
import type { LegalBasis, Priority, RequestType } from '@mla/domain';
import type {
  DeadlinePolicy,
  DurationByPriority,
  ExecutionDurations,
  PartialPolicyDeadlines,
  PolicyDeadlineKind,
  PolicyDeadlines,
  PolicyDuration,
  PolicyOverride,
} from './deadline-policy.types';

/** What of a request the policy depends on. */
export interface PolicyContext {
  priority: Priority;
  type: RequestType;
  legalBasis: LegalBasis;
  requestingCountry: string;
  requestedCountry: string;
}

const SIMPLE_KINDS = ['REVIEW', 'ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION', 'INFO_RESPONSE'] as const;

/** True when every key the match names equals the context's value. */
export function overrideMatches(override: PolicyOverride, ctx: PolicyContext): boolean {
  return Object.entries(override.match).every(([key, value]) => value === undefined || ctx[key as keyof PolicyContext] === value);
}

function mergeDeadlines(base: PolicyDeadlines, o: PartialPolicyDeadlines): PolicyDeadlines {
  const out = { ...base } as PolicyDeadlines;
  for (const kind of SIMPLE_KINDS) if (o[kind]) out[kind] = { ...base[kind], ...o[kind] };
  if (o.EXECUTION) {
    const ex = o.EXECUTION;
    const def: DurationByPriority = { ...base.EXECUTION.default, ...ex.default };
    const execution: ExecutionDurations = { ...base.EXECUTION, default: def };
    for (const [type, leaves] of Object.entries(ex)) {
      if (type === 'default' || !leaves) continue;
      const key = type as Exclude<keyof ExecutionDurations, 'default'>;
      // A type the base does not name takes its other priorities from the (merged) default.
      execution[key] = { ...def, ...base.EXECUTION[key], ...leaves };
    }
    out.EXECUTION = execution;
  }
  return out;
}

const resolved = new WeakMap<DeadlinePolicy, Map<number, DeadlinePolicy>>();

/**
 * The policy that applies to a request: the base with its first matching override applied
 * (or the base itself when none matches); its `overrides` list is empty.
 */
export function effectivePolicy(policy: DeadlinePolicy, ctx: PolicyContext): DeadlinePolicy {
  const index = policy.overrides.findIndex((o) => overrideMatches(o, ctx));
  let byIndex = resolved.get(policy);
  if (!byIndex) resolved.set(policy, (byIndex = new Map()));
  let result = byIndex.get(index);
  if (!result) {
    const o = policy.overrides[index];
    result = {
      deadlines: o?.deadlines ? mergeDeadlines(policy.deadlines, o.deadlines) : policy.deadlines,
      preservation: o?.preservation ? { ...policy.preservation, ...o.preservation } : policy.preservation,
      reminders: policy.reminders,
      escalation: policy.escalation,
      chase: policy.chase,
      overrides: [],
    };
    byIndex.set(index, Object.freeze(result));
  }
  return result;
}

/** The duration of a deadline for a request: EXECUTION by its type, else `default`. */
export function durationFor(policy: DeadlinePolicy, kind: PolicyDeadlineKind, ctx: PolicyContext): PolicyDuration {
  const { deadlines } = effectivePolicy(policy, ctx);
  if (kind !== 'EXECUTION') return deadlines[kind][ctx.priority];
  const byType = ctx.type === 'PRESERVATION' ? undefined : deadlines.EXECUTION[ctx.type];
  return byType?.[ctx.priority] ?? deadlines.EXECUTION.default[ctx.priority];
}
