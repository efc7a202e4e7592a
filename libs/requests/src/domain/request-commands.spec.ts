import { REQUEST_ACTIONS, REQUEST_STATES, TERMINAL_STATES } from '@mla/domain';
import { COMMAND_NAMES, COMMAND_TABLE, commandInput, OTHER_COMMANDS, type CommandName, type CommandSpec } from './request-commands';
import { TRANSITION_TABLE } from './request-state-machine';

const NON_TERMINAL = REQUEST_STATES.filter((s) => !TERMINAL_STATES.includes(s));

/** Each command's entry, written out: who, from where, with what, what it records, whom it tells. */
const EXPECTED: Record<CommandName, Partial<CommandSpec>> = {
  submit: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['DRAFT'], to: 'IN_REVIEW', stamps: ['submittedAt'], notify: { type: 'request.submitted', audience: ['HOME_OFFICERS'] } },
  return: { role: 'OFFICER', side: 'REQUESTING', from: ['IN_REVIEW'], to: 'DRAFT', requiredInput: ['reason'], stamps: [], notify: { type: 'request.returned', audience: ['REQUESTING'] } },
  send: { role: 'OFFICER', side: 'REQUESTING', from: ['IN_REVIEW'], to: 'SENT', optionalInput: ['signedLetter', 'transmission'], stamps: ['sentAt'], notify: { type: 'request.sent', audience: ['REQUESTED', 'REQUESTING'] } },
  acknowledge: { role: 'OFFICER', side: 'REQUESTED', from: ['SENT'], optionalInput: ['note', 'assigneeId'], stamps: ['acknowledgedAt'], notify: { type: 'request.acknowledged', audience: ['REQUESTING', 'SENDING'] } },
  confirm_preservation: { role: 'OFFICER', side: 'REQUESTED', from: ['ACKNOWLEDGED'], to: 'PRESERVED', requiredInput: ['preservedUntil'], notify: { type: 'request.preservation_confirmed', audience: ['REQUESTING', 'SENDING'] } },
  extend_preservation: { role: 'OFFICER', side: 'REQUESTED', from: ['PRESERVED'], to: 'SAME', requiredInput: ['preservedUntil'], notify: { type: 'request.preservation_extended', audience: ['REQUESTING', 'SENDING'] } },
  start_execution: { role: 'OFFICER', side: 'REQUESTED', from: ['ACKNOWLEDGED'], to: 'IN_EXECUTION', optionalInput: ['executingBody', 'assigneeId', 'note'], notify: { type: 'request.execution_started', audience: ['REQUESTING', 'SENDING'] } },
  report_delay: { role: 'OFFICER', side: 'REQUESTED', from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'SAME', requiredInput: ['reason', 'expectedBy'], notify: { type: 'request.delay_reported', audience: ['REQUESTING', 'SENDING'] } },
  request_info: { role: 'OFFICER', side: 'REQUESTED', from: ['ACKNOWLEDGED', 'IN_EXECUTION'], to: 'INFO_REQUESTED', requiredInput: ['message'], notify: { type: 'request.info_requested', audience: ['REQUESTING', 'SENDING'] } },
  provide_info: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['INFO_REQUESTED'], to: 'RESUME', requiredInput: ['message'], notify: { type: 'request.info_provided', audience: ['REQUESTED', 'SENDING'] } },
  deliver_evidence: { role: 'OFFICER', side: 'REQUESTED', from: ['IN_EXECUTION'], to: 'BY_FINAL_FLAG', requiredInput: ['final'], optionalInput: ['items'], notify: { type: 'request.evidence_delivered', audience: ['REQUESTING', 'SENDING'] } },
  close: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['EVIDENCE_RECEIVED', 'PRESERVED'], to: 'CLOSED', requiredInput: ['outcome'], optionalInput: ['followUpRequestId'], stamps: ['closedAt'], notify: { type: 'request.closed', audience: ['REQUESTED', 'SENDING'] } },
  refuse: { role: 'OFFICER', side: 'REQUESTED', from: ['SENT', 'ACKNOWLEDGED', 'IN_EXECUTION', 'INFO_REQUESTED'], to: 'REFUSED', requiredInput: ['ground', 'text'], stamps: ['closedAt'], notify: { type: 'request.refused', audience: ['REQUESTING', 'SENDING'] } },
  withdraw: { role: 'PROSECUTOR', side: 'REQUESTING', to: 'WITHDRAWN', requiredInput: ['reason'], stamps: ['closedAt'], notify: { type: 'request.withdrawn', audience: ['REQUESTED', 'SENDING', 'HOME_OFFICERS_UNTIL_SENT'] } },
  expire: { role: 'SYSTEM', side: null, from: ['PRESERVED'], to: 'EXPIRED', requiredInput: ['deadlineId'], deadline: { statuses: ['PENDING', 'OVERDUE'] }, stamps: ['closedAt'], notify: { type: 'request.expired', audience: ['REQUESTING', 'SENDING', 'REQUESTED'] } },
  edit: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['DRAFT'], to: 'SAME', recorded: true, notify: null, deadline: null },
  delete: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['DRAFT'], to: 'SAME', requiredInput: [], optionalInput: [], recorded: true, notify: null },
  extend_deadline: { role: 'SUPERVISOR', side: 'DEADLINE_PARTY', from: NON_TERMINAL, requiredInput: ['deadlineId', 'dueAt', 'reason'], deadline: { statuses: ['PENDING', 'OVERDUE'] }, notify: { type: 'deadline.extended', audience: ['REQUESTING', 'SENDING', 'REQUESTED'] } },
  reassign: { role: 'SUPERVISOR', side: 'REQUESTED', from: NON_TERMINAL, requiredInput: ['assigneeId', 'reason'], deadline: null, ownSide: true, notify: { type: 'request.reassigned', audience: [] } },
  follow_up_sent: { role: 'SYSTEM', side: null, from: ['PRESERVED'], skipUnlessFrom: true, requiredInput: ['followUpRequestId', 'followUpReference'], notify: { type: 'request.follow_up_sent', audience: ['REQUESTING', 'SENDING', 'REQUESTED'] } },
  deadline_reminder: { role: 'SYSTEM', side: null, from: NON_TERMINAL, recorded: false, requiredInput: ['deadlineId'], deadline: { statuses: ['PENDING', 'OVERDUE'] }, notify: { type: 'deadline.reminder', audience: [] } },
  deadline_overdue: { role: 'SYSTEM', side: null, from: NON_TERMINAL, recorded: true, requiredInput: ['deadlineId'], deadline: { statuses: ['PENDING', 'OVERDUE'] }, notify: { type: 'deadline.escalated', audience: [] } },
  deadline_escalated: { role: 'SYSTEM', side: null, from: NON_TERMINAL, recorded: true, requiredInput: ['deadlineId'], deadline: { statuses: ['PENDING', 'OVERDUE'] }, notify: { type: 'deadline.escalated', audience: [] } },
  recompute_deadlines: { role: 'SYSTEM', side: null, from: NON_TERMINAL, recorded: true, skipUnlessFrom: true, requiredInput: ['calendarCountry', 'deadlines'], deadline: null, notify: { type: 'deadline.recomputed', audience: ['REQUESTING', 'SENDING', 'REQUESTED'] } },
  attach: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['DRAFT'], recorded: true, notify: null, requiredInput: ['attachmentId', 'kind', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef'] },
  remove_attachment: { role: 'PROSECUTOR', side: 'REQUESTING', from: ['DRAFT'], recorded: true, notify: null, requiredInput: ['attachmentId'] },
  attach_correspondence: { role: 'OFFICER', side: 'KEEPER', from: NON_TERMINAL.filter((s) => s !== 'DRAFT'), recorded: true, ownSide: true, notify: null, requiredInput: ['attachmentId', 'kind', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef'] },
  chase: { role: 'OFFICER', side: 'KEEPER', from: NON_TERMINAL.filter((s) => s !== 'DRAFT'), to: 'SAME', recorded: true, ownSide: true, notify: null, requiredInput: ['channel', 'dispatchedAt', 'reference'] },
  attach_signed_letter: {
    role: 'OFFICER', side: 'REQUESTING', from: ['IN_REVIEW'], recorded: true, notify: null,
    requiredInput: ['attachmentId', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef', 'letterSha256'],
  },
};

describe('COMMAND_TABLE: every change to a request, as data', () => {
  it('has one entry per command: the 15 transitions of DESIGN §3, then the other commands', () => {
    expect(Object.keys(COMMAND_TABLE)).toEqual([...REQUEST_ACTIONS, ...OTHER_COMMANDS]);
    expect(COMMAND_NAMES).toEqual(Object.keys(COMMAND_TABLE));
    for (const name of COMMAND_NAMES) expect(COMMAND_TABLE[name]).toMatchObject({ name, action: name });
  });

  it.each(COMMAND_NAMES)('%s: who, from where, with what, what it records, whom it tells', (name) => {
    expect(COMMAND_TABLE[name]).toMatchObject(EXPECTED[name]);
  });

  it.each([...REQUEST_ACTIONS])('%s keeps the state machine’s rule (role, side, states, types, deadline effects)', (action) => {
    const rule = TRANSITION_TABLE[action];
    const spec = COMMAND_TABLE[action];
    expect(spec).toMatchObject({ transition: true, role: rule.role, side: rule.side, from: rule.from, to: rule.to, types: rule.types, deadlines: rule.deadlines, optionalInput: rule.optionalInput });
    if (action !== 'expire') expect(spec.requiredInput).toEqual(rule.requiredInput);
  });

  it('a reassignment, a letter attached and a chaser are the acting side’s own events by themselves (before send, every event is the requesting side’s)', () => {
    expect(COMMAND_NAMES.filter((n) => COMMAND_TABLE[n].ownSide)).toEqual(['reassign', 'attach_correspondence', 'chase']);
  });

  it('the other commands are no transitions: any type, a state kept', () => {
    for (const name of OTHER_COMMANDS) expect(COMMAND_TABLE[name]).toMatchObject({ transition: false, types: { kind: 'all' }, to: 'SAME' });
  });

  it('only the system runs the worker’s commands and expire; users run the others', () => {
    const system = COMMAND_NAMES.filter((n) => COMMAND_TABLE[n].role === 'SYSTEM');
    expect(system).toEqual(['expire', 'follow_up_sent', 'deadline_reminder', 'deadline_overdue', 'deadline_escalated', 'recompute_deadlines']);
    for (const n of system) expect(COMMAND_TABLE[n].side).toBeNull();
  });

  it('every command that names a deadline requires its id, and only those take a deadline', () => {
    for (const name of COMMAND_NAMES) {
      const spec = COMMAND_TABLE[name];
      expect(spec.deadline !== null).toBe(spec.requiredInput.includes('deadlineId'));
    }
  });

  it('a command only changes a request from non-terminal states', () => {
    for (const name of COMMAND_NAMES) for (const s of COMMAND_TABLE[name].from) expect(TERMINAL_STATES).not.toContain(s);
  });

  it('commandInput = required ∪ optional; edit takes the draft’s content fields', () => {
    expect(commandInput('close')).toEqual(['outcome', 'followUpRequestId']);
    expect(commandInput('edit')).toEqual(expect.arrayContaining(['title', 'offence', 'facts', 'measures', 'identifiers', 'requestedAuthorityId']));
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(COMMAND_TABLE)).toBe(true);
    expect(Object.isFrozen(COMMAND_TABLE.send.notify)).toBe(true);
    expect(Object.isFrozen(COMMAND_TABLE.send.stamps)).toBe(true);
  });
});
