import { DEADLINE_KINDS } from '@mla/domain';
import type { DeadlineRow } from '../deadline.row';

/**
 * What the statistics keep of a request's deadlines (DESIGN §8), per kind in the order of
 * DEADLINE_KINDS, three counters: MET, MET on time (met_at ≤ due_at), now OVERDUE. Written
 * on the request by every action that changes its deadlines (`requests.deadline_outcomes`).
 */
export function deadlineOutcomes(deadlines: readonly DeadlineRow[]): number[] {
  const out = new Array<number>(DEADLINE_KINDS.length * 3).fill(0);
  for (const d of deadlines) {
    const i = DEADLINE_KINDS.indexOf(d.kind) * 3;
    if (d.status === 'MET') {
      out[i] = (out[i] as number) + 1;
      if (d.metAt && d.metAt <= d.dueAt) out[i + 1] = (out[i + 1] as number) + 1;
    } else if (d.status === 'OVERDUE') out[i + 2] = (out[i + 2] as number) + 1;
  }
  return out;
}

/** When the request was executed: its EXECUTION deadline met (the final evidence delivery). */
export function executedAtOf(deadlines: readonly DeadlineRow[]): Date | null {
  return deadlines.find((d) => d.kind === 'EXECUTION' && d.status === 'MET')?.metAt ?? null;
}
