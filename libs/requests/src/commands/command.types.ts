import type { DeadlineRow } from '@mla/deadlines';
import type { StoredEvent } from '../domain/event-hash';
import type { RequestRow } from '../request.row';

export type { Command, CommandActor, CommandInputs, CommandName, CommandPlan, LockedRequest, RuleContext } from '../domain/actions';

/** What a command answers: the request after it, its deadlines, its event. */
export interface CommandResult {
  row: RequestRow;
  deadlines: DeadlineRow[];
  event: StoredEvent | null;
  /** The command did nothing (skipUnlessFrom). */
  skipped: boolean;
}
