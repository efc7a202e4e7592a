/**
 * What an action does to a request's deadlines (DESIGN §3, §5), decided in memory from the
 * deadlines read under the request's lock: which rows change and how, which start, and the
 * jobs to add and remove once the transaction commits. Pure: the caller writes the result
 * in the action's own statement.
 */
import { DEADLINE_PARTY, type DeadlineEffects, type DeadlineKind } from '@mla/domain';
import { pauseRemaining, resumeDueAt } from '../domain/deadline-arithmetic';
import { type DeadlineRow, OPEN_DEADLINE_STATUSES, RUNNING_DEADLINE_STATUSES } from '../deadline.row';
import type { DeadlinePolicy } from '../policy/deadline-policy.types';
import { emptyDelta, nextEventOf, type ScheduleDelta } from '../scheduling/deadline-schedule';

/** Changes aimed at one deadline (extensions by a supervisor, and the worker's firing). */
export interface TargetedDeadlineChange {
  deadlineId: string;
  /** A new due time: a fresh span from now; reminders and escalation start over. */
  moveTo?: Date;
  /** One more reminder sent. */
  reminded?: boolean;
  /** Past due: OVERDUE at this escalation level. */
  escalateTo?: 1 | 2;
  /** A PRESERVATION_EXPIRY that passed: OVERDUE at level 2, ended. */
  lapsed?: boolean;
}

/** A running deadline's due time recomputed on a changed working calendar: same start and count of days. */
export interface RecomputedDueAt {
  deadlineId: string;
  dueAt: Date;
}

export interface DeadlinePlanInput {
  requestId: string;
  /** Every deadline of the request, as read under its lock. */
  current: readonly DeadlineRow[];
  effects: DeadlineEffects;
  now: Date;
  /** The due time of a deadline of this kind starting now (PRESERVATION_EXPIRY: the preserved-until date). */
  dueAtFor: (kind: DeadlineKind) => Date;
  /** The business days a new deadline of this kind counts (null: its duration is not in business days). */
  businessDaysFor?: (kind: DeadlineKind) => number | null;
  /** New due times of running deadlines, recomputed from their start and business days (a working calendar changed). */
  recomputed?: readonly RecomputedDueAt[];
  /** extend_preservation: where PRESERVATION_EXPIRY moves. */
  moveTo?: Date;
  targeted?: TargetedDeadlineChange;
  /** Reminders and escalation of this request's policy. */
  schedule: Pick<DeadlinePolicy, 'reminders' | 'escalation'>;
  newId: () => string;
}

export interface DeadlinePlan {
  /** Existing rows that change, as they will be. */
  updated: DeadlineRow[];
  /** New rows. */
  inserted: DeadlineRow[];
  /** Every deadline of the request after the change, in display order. */
  resulting: DeadlineRow[];
  /** The deadline jobs to remove and add after commit. */
  delta: ScheduleDelta;
}

const isOpen = (d: DeadlineRow) => OPEN_DEADLINE_STATUSES.includes(d.status);
const isRunning = (d: DeadlineRow) => RUNNING_DEADLINE_STATUSES.includes(d.status);

/** Applies the effects in the order of DESIGN §3: end, meet, pause, resume, move; then what starts. */
export function planDeadlines(input: DeadlinePlanInput): DeadlinePlan {
  const { effects, now } = input;
  const rows = input.current.map((d) => ({ ...d }));
  const changed = new Set<DeadlineRow>();
  const touch = (d: DeadlineRow, patch: Partial<DeadlineRow>) => {
    Object.assign(d, patch);
    changed.add(d);
  };
  const byKinds = (kinds: readonly DeadlineKind[], test: (d: DeadlineRow) => boolean) => rows.filter((d) => kinds.includes(d.kind) && test(d));
  const fresh = (dueAt: Date) => ({ dueAt, startAt: now, spanMs: dueAt.getTime() - now.getTime(), status: 'PENDING' as const, escalationLevel: 0, remindersSent: 0, remainingMs: null, businessDays: null as number | null });

  if (effects.endAllOpen) for (const d of rows.filter(isOpen)) touch(d, { status: 'CANCELLED', endedAt: now, remainingMs: null });
  for (const d of byKinds(effects.meet, isOpen)) touch(d, { status: 'MET', metAt: now, remainingMs: null });
  for (const d of byKinds(effects.pause, isRunning)) touch(d, { status: 'PAUSED', remainingMs: pauseRemaining(d.dueAt, now), businessDays: null });
  for (const d of byKinds(effects.resume, (x) => x.status === 'PAUSED')) {
    const left = d.remainingMs ?? 0;
    touch(d, { dueAt: resumeDueAt(now, left), status: left > 0 ? 'PENDING' : 'OVERDUE', remainingMs: null });
  }
  if (input.moveTo) for (const d of byKinds(effects.move, isOpen)) touch(d, fresh(input.moveTo));

  const t = input.targeted;
  const target = t ? rows.find((d) => d.id === t.deadlineId) : undefined;
  if (t && target) {
    if (t.moveTo) touch(target, fresh(t.moveTo));
    if (t.reminded) touch(target, { remindersSent: target.remindersSent + 1 });
    if (t.escalateTo) touch(target, { status: 'OVERDUE', escalationLevel: t.escalateTo });
    if (t.lapsed) touch(target, { status: 'OVERDUE', escalationLevel: 2, endedAt: now });
  }

  for (const r of input.recomputed ?? []) {
    const d = rows.find((x) => x.id === r.deadlineId);
    // Only a running deadline still counted in business days; its reminders and escalation follow the new span.
    if (d && d.status === 'PENDING' && d.businessDays !== null && d.dueAt.getTime() !== r.dueAt.getTime()) {
      touch(d, { dueAt: r.dueAt, spanMs: r.dueAt.getTime() - d.startAt.getTime() });
    }
  }

  const delta = emptyDelta();
  for (const d of changed) {
    const old = input.current.find((c) => c.id === d.id)?.scheduledFor ?? null;
    const next = isRunning(d) && !d.endedAt ? nextEventOf(d, input.schedule) : null;
    d.scheduledFor = next?.at ?? null;
    if (old && old.getTime() !== d.scheduledFor?.getTime()) delta.remove.push({ deadlineId: d.id, at: old });
    if (d.scheduledFor && old?.getTime() !== d.scheduledFor.getTime()) delta.add.push({ deadlineId: d.id, at: d.scheduledFor });
  }

  const inserted = effects.start.map((kind): DeadlineRow => {
    const dueAt = input.dueAtFor(kind);
    const row: DeadlineRow = {
      id: input.newId(),
      requestId: input.requestId,
      kind,
      party: DEADLINE_PARTY[kind],
      metAt: null,
      endedAt: null,
      scheduledFor: null,
      ...fresh(dueAt),
      businessDays: input.businessDaysFor?.(kind) ?? null,
    };
    row.scheduledFor = nextEventOf(row, input.schedule)?.at ?? null;
    if (row.scheduledFor) delta.add.push({ deadlineId: row.id, at: row.scheduledFor });
    return row;
  });

  const resulting = [...rows, ...inserted].sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { updated: [...changed], inserted, resulting, delta };
}
