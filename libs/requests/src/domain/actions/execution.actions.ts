/** The requested side's work: acknowledge, start execution, report a delay, ask for and get information, refuse. */
import { DateTime } from 'luxon';
import { deadlineEffectsOf } from '@mla/domain';
import type { RequestRow } from '../request-row';
import type { ActionPorts } from './action-ports';
import { OTHER_SIDE_OF_PROSECUTOR, OTHER_SIDE_OF_REQUESTED, REQUESTED_OFFICER, REQUESTING_PROSECUTOR, transition, type CommandPlan } from './action-definition';
import { ruleViolated } from './refusal';

export interface AcknowledgeInput { note?: string; assigneeId?: string }
export interface StartExecutionInput { executingBody?: string; assigneeId?: string; note?: string }
export interface ReportDelayInput { reason: string; expectedBy: string }
export interface MessageInput { message: string }
export interface RefuseInput { ground: string; text: string }

declare module './action-definition' {
  interface CommandInputs {
    acknowledge: AcknowledgeInput;
    start_execution: StartExecutionInput;
    report_delay: ReportDelayInput;
    request_info: MessageInput;
    provide_info: MessageInput;
    refuse: RefuseInput;
  }
}

const EXCEPT_PRESERVATION = { kind: 'except', types: ['PRESERVATION'] } as const;

/** An assignee, when named, is an officer of the requested authority. */
async function checkAssignee(ports: ActionPorts, assigneeId: string | undefined, row: RequestRow): Promise<void> {
  if (assigneeId === undefined) return;
  const user = await ports.users.findById(String(assigneeId));
  if (!user || user.role !== 'OFFICER' || user.authorityId !== row.requestedAuthorityId) {
    throw ruleViolated('The assignee must be an officer of the requested authority', [
      { field: 'assigneeId', message: 'names no officer of the requested authority' },
    ]);
  }
}

/**
 * Who handles the request is the requested side's internal work (DESIGN §2): the assignee
 * leaves the shared event for an `assign` event of that side's own.
 */
function assignment(input: { assigneeId?: string }): Pick<CommandPlan, 'eventInput' | 'internal'> {
  if (input.assigneeId === undefined) return {};
  const { assigneeId, ...shared } = input;
  return { eventInput: shared, internal: { action: 'assign', input: { assigneeId } } };
}

/** acknowledge: optionally names the officer who handles it. */
export const acknowledge = transition<'acknowledge', AcknowledgeInput>(
  'acknowledge',
  {
    from: ['SENT'], to: 'ACKNOWLEDGED', ...REQUESTED_OFFICER, types: { kind: 'all' },
    optionalInput: ['note', 'assigneeId'],
    deadlines: deadlineEffectsOf({ meet: ['ACKNOWLEDGEMENT'] }),
    stamps: ['acknowledgedAt'], notify: { type: 'request.acknowledged', audience: OTHER_SIDE_OF_REQUESTED },
  },
  async ({ row, input, ports }) => {
    await checkAssignee(ports, input.assigneeId, row);
    return { changes: input.assigneeId ? { assigneeId: input.assigneeId } : {}, ...assignment(input) };
  },
);

/** start_execution: optionally the executing body and the officer who handles it. */
export const startExecution = transition<'start_execution', StartExecutionInput>(
  'start_execution',
  {
    from: ['ACKNOWLEDGED'], to: 'IN_EXECUTION', ...REQUESTED_OFFICER, types: EXCEPT_PRESERVATION,
    optionalInput: ['executingBody', 'assigneeId', 'note'],
    stamps: [], notify: { type: 'request.execution_started', audience: OTHER_SIDE_OF_REQUESTED },
  },
  async ({ row, input, ports }) => {
    await checkAssignee(ports, input.assigneeId, row);
    return {
      changes: {
        ...(input.executingBody ? { executingBody: input.executingBody } : {}),
        ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
      },
      ...assignment(input),
    };
  },
);

/** report_delay: the new expected date is today or later at the requested authority; shown beside EXECUTION. */
export const reportDelay = transition<'report_delay', ReportDelayInput>(
  'report_delay',
  {
    from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'SAME', ...REQUESTED_OFFICER, types: { kind: 'all' },
    requiredInput: ['reason', 'expectedBy'],
    stamps: [], notify: { type: 'request.delay_reported', audience: OTHER_SIDE_OF_REQUESTED },
  },
  ({ row, input, now }) => {
    const expectedBy = String(input.expectedBy);
    const today = DateTime.fromJSDate(now, { zone: row.requestedAuthorityTimezone }).toISODate() as string;
    if (expectedBy.slice(0, 10) < today) {
      throw ruleViolated('The new expected date lies in the past', [{ field: 'expectedBy', message: `must be ${today} or later` }]);
    }
    return { changes: { delayEstimate: { reason: input.reason, expectedBy, reportedAt: now.toISOString() } } };
  },
);

/** request_info: remembers the state to come back to. */
export const requestInfo = transition<'request_info', MessageInput>(
  'request_info',
  {
    from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'INFO_REQUESTED', ...REQUESTED_OFFICER, types: EXCEPT_PRESERVATION,
    requiredInput: ['message'],
    deadlines: deadlineEffectsOf({ pause: ['EXECUTION'], start: ['INFO_RESPONSE'] }),
    stamps: [], notify: { type: 'request.info_requested', audience: OTHER_SIDE_OF_REQUESTED },
  },
  ({ row }) => ({ changes: { resumeState: row.state } }),
);

/** provide_info: back to that state (the machine's RESUME target). */
export const provideInfo = transition<'provide_info', MessageInput>(
  'provide_info',
  {
    from: ['INFO_REQUESTED'], to: 'RESUME', ...REQUESTING_PROSECUTOR, types: { kind: 'all' },
    requiredInput: ['message'],
    deadlines: deadlineEffectsOf({ meet: ['INFO_RESPONSE'], resume: ['EXECUTION'] }),
    stamps: [], notify: { type: 'request.info_provided', audience: OTHER_SIDE_OF_PROSECUTOR },
  },
  () => ({ changes: { resumeState: null } }),
);

/** refuse: the ground and its reasons. */
export const refuse = transition<'refuse', RefuseInput>(
  'refuse',
  {
    from: ['SENT', 'ACKNOWLEDGED', 'IN_EXECUTION', 'INFO_REQUESTED'], to: 'REFUSED', ...REQUESTED_OFFICER, types: { kind: 'all' },
    requiredInput: ['ground', 'text'],
    deadlines: deadlineEffectsOf({ endAllOpen: true }),
    stamps: ['closedAt'], notify: { type: 'request.refused', audience: OTHER_SIDE_OF_REQUESTED },
  },
  ({ input }) => ({ changes: { refusal: { ground: input.ground, text: input.text } } }),
);
