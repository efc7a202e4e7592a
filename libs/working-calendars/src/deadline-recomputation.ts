import { Injectable } from '@nestjs/common';
import { DeadlinePlanner, DeadlinesRepository, placeOf } from '@mla/deadlines';
import { type Command, type LockedRequest, RequestCommands } from '@mla/requests';

const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** What a recomputation did. */
export interface RecomputationResult {
  /** Requests looked at (with a running business-day deadline held in the country). */
  requests: number;
  /** Deadlines whose due time moved. */
  deadlines: number;
}

/**
 * After a change of a country's working calendar: every running deadline counted in business
 * days whose ball holder works there takes the due time its count of days now gives from its
 * start, through the one write path (`recompute_deadlines`, one event per request that
 * changes, both sides told, the jobs rescheduled). Idempotent: a deadline already right is
 * left alone, so running it twice, or in two processes at once, changes nothing more.
 */
@Injectable()
export class DeadlineRecomputation {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly commands: RequestCommands,
  ) {}

  async recomputeCountry(country: string): Promise<RecomputationResult> {
    const result: RecomputationResult = { requests: 0, deadlines: 0 };
    for (let after = FIRST_ID; ; ) {
      const ids = await this.deadlines.requestsWithBusinessDayDeadlinesIn(country, after, BATCH);
      for (const id of ids) {
        const done = await this.commands.runChosen(null, id, (locked) => this.commandFor(locked, country));
        result.requests += 1;
        if (done && !done.skipped) result.deadlines += (done.event?.input.deadlines as unknown[] | undefined)?.length ?? 0;
      }
      if (ids.length < BATCH) return result;
      after = ids[ids.length - 1] as string;
    }
  }

  /** The request's running business-day deadlines held in the country whose due time the calendar now moves (null: none). */
  private commandFor(locked: LockedRequest, country: string): Command | null {
    const moved = locked.deadlines.flatMap((d) => {
      if (d.status !== 'PENDING' || d.businessDays === null || placeOf(locked.row, d.party).country !== country) return [];
      const dueAt = this.planner.recomputedDueAt(locked.row, d);
      return dueAt && dueAt.getTime() !== d.dueAt.getTime() ? [{ deadlineId: d.id, dueAt: dueAt.toISOString() }] : [];
    });
    return moved.length > 0 ? { name: 'recompute_deadlines', input: { calendarCountry: country, deadlines: moved } } : null;
  }
}
