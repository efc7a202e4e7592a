import { Injectable } from '@nestjs/common';
import { DeadlinePlanner, DeadlinesRepository, nextEventOf, RUNNING_DEADLINE_STATUSES } from '@mla/deadlines';
import { RequestCommands } from '@mla/requests';
import { firingCommand, type FiringOutcome } from './deadline-firing';

/**
 * What a deadline job does when it fires: every event of the deadline due by now, each a
 * command of the requests' write path (the request locked, the deadline re-read under the
 * lock, the event, the notifications, the next job), one after the other. Running it twice
 * does nothing the second time.
 */
@Injectable()
export class DeadlineFiringService {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly planner: DeadlinePlanner,
    private readonly commands: RequestCommands,
  ) {}

  async fire(deadlineId: string): Promise<FiringOutcome[]> {
    const requestId = await this.deadlines.requestIdOf(deadlineId);
    if (!requestId) return [];
    const outcomes: FiringOutcome[] = [];
    for (;;) {
      let outcome: FiringOutcome | null = null;
      const result = await this.commands.runChosen(
        null,
        requestId,
        (locked, now) => {
          const d = locked.deadlines.find((x) => x.id === deadlineId);
          if (!d || !RUNNING_DEADLINE_STATUSES.includes(d.status) || d.endedAt) return null;
          const next = nextEventOf(d, this.planner.policyFor(locked.row));
          if (!next || next.at > now) return null;
          const fired = firingCommand(d, next, now);
          outcome = fired.outcome;
          return fired.command;
        },
        { awaitJobs: true },
      );
      if (!result) return outcomes;
      if (outcome) outcomes.push(outcome);
      if (outcome === 'expired') return outcomes;
    }
  }
}
