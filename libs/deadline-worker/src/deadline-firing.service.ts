import { Injectable } from '@nestjs/common';
import { DeadlinePlanner, DeadlinesRepository, nextEventOf, RUNNING_DEADLINE_STATUSES } from '@mla/deadlines';
import { RequestCommands } from '@mla/requests';
import { firingCommand, type FiringOutcome } from './deadline-firing';

/**
 * What a deadline job does when it fires: every event of the deadline due by now, each a
 * command of the requests' write path, one after the other in one transaction (the request
 * locked, the deadline re-read under the lock, the events, the notifications, the next
 * job). Running it twice does nothing the second time.
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
    await this.commands.runChosen(
      null,
      requestId,
      (locked, now) => {
        const d = locked.deadlines.find((x) => x.id === deadlineId);
        if (!d || !RUNNING_DEADLINE_STATUSES.includes(d.status) || d.endedAt || outcomes.includes('expired')) return null;
        const next = nextEventOf(d, this.planner.policyFor(locked.row));
        if (!next || next.at > now) return null;
        const fired = firingCommand(d, next, now);
        if (fired.outcome) outcomes.push(fired.outcome);
        return fired.command;
      },
      { awaitJobs: true, repeat: true },
    );
    return outcomes;
  }
}
