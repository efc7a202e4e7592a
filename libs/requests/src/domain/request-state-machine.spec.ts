import fc from 'fast-check';
import {
  TRANSITION_TABLE,
  acceptedInput,
  allowedActions,
  ballHolder,
  ballHolderRole,
  deadlineEffects,
  decide,
  isTerminal,
  missingInput,
  type MachineActor,
  type MachineRequest,
} from './request-state-machine';
import {
  REQUEST_ACTIONS,
  REQUEST_STATES,
  REQUEST_TYPES,
  type ActorRole,
  type RequestAction,
  type RequestState,
  type RequestType,
  type Side,
} from '@mla/domain';

// ---------------------------------------------------------------------------------------------
// The expectation, written out independently of TRANSITION_TABLE (DESIGN §3).
// One row per allowed (action, from-state, role, side) and the state it leads to, with the
// full input below (deliver_evidence with final: true; provide_info with resumeState RESUME_TO).
// ---------------------------------------------------------------------------------------------

const RESUME_TO: RequestState = 'IN_EXECUTION';

type Row = [RequestAction, RequestState, ActorRole, Side | null, RequestState];

const ALLOWED: readonly Row[] = [
  ['submit', 'DRAFT', 'PROSECUTOR', 'REQUESTING', 'IN_REVIEW'],
  ['return', 'IN_REVIEW', 'OFFICER', 'REQUESTING', 'DRAFT'],
  ['send', 'IN_REVIEW', 'OFFICER', 'REQUESTING', 'SENT'],
  ['acknowledge', 'SENT', 'OFFICER', 'REQUESTED', 'ACKNOWLEDGED'],
  ['confirm_preservation', 'ACKNOWLEDGED', 'OFFICER', 'REQUESTED', 'PRESERVED'],
  ['extend_preservation', 'PRESERVED', 'OFFICER', 'REQUESTED', 'PRESERVED'],
  ['start_execution', 'ACKNOWLEDGED', 'OFFICER', 'REQUESTED', 'IN_EXECUTION'],
  ['report_delay', 'ACKNOWLEDGED', 'OFFICER', 'REQUESTED', 'ACKNOWLEDGED'],
  ['report_delay', 'IN_EXECUTION', 'OFFICER', 'REQUESTED', 'IN_EXECUTION'],
  ['request_info', 'ACKNOWLEDGED', 'OFFICER', 'REQUESTED', 'INFO_REQUESTED'],
  ['request_info', 'IN_EXECUTION', 'OFFICER', 'REQUESTED', 'INFO_REQUESTED'],
  ['provide_info', 'INFO_REQUESTED', 'PROSECUTOR', 'REQUESTING', RESUME_TO],
  ['deliver_evidence', 'IN_EXECUTION', 'OFFICER', 'REQUESTED', 'EVIDENCE_RECEIVED'],
  ['close', 'EVIDENCE_RECEIVED', 'PROSECUTOR', 'REQUESTING', 'CLOSED'],
  ['close', 'PRESERVED', 'PROSECUTOR', 'REQUESTING', 'CLOSED'],
  ['refuse', 'SENT', 'OFFICER', 'REQUESTED', 'REFUSED'],
  ['refuse', 'ACKNOWLEDGED', 'OFFICER', 'REQUESTED', 'REFUSED'],
  ['refuse', 'IN_EXECUTION', 'OFFICER', 'REQUESTED', 'REFUSED'],
  ['refuse', 'INFO_REQUESTED', 'OFFICER', 'REQUESTED', 'REFUSED'],
  ['withdraw', 'IN_REVIEW', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'SENT', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'ACKNOWLEDGED', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'PRESERVED', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'IN_EXECUTION', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'INFO_REQUESTED', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['withdraw', 'EVIDENCE_RECEIVED', 'PROSECUTOR', 'REQUESTING', 'WITHDRAWN'],
  ['expire', 'PRESERVED', 'SYSTEM', null, 'EXPIRED'],
];

const ONLY_FOR_PRESERVATION: readonly RequestAction[] = ['confirm_preservation', 'extend_preservation', 'expire'];
const NEVER_FOR_PRESERVATION: readonly RequestAction[] = ['start_execution', 'request_info', 'deliver_evidence'];

function typeFits(action: RequestAction, type: RequestType): boolean {
  if (ONLY_FOR_PRESERVATION.includes(action)) return type === 'PRESERVATION';
  if (NEVER_FOR_PRESERVATION.includes(action)) return type !== 'PRESERVATION';
  return true;
}

const FULL_INPUT: Record<RequestAction, Record<string, unknown>> = {
  submit: {},
  return: { reason: 'facts too thin' },
  send: {},
  acknowledge: {},
  confirm_preservation: { preservedUntil: '2026-09-01' },
  extend_preservation: { preservedUntil: '2026-12-01' },
  start_execution: {},
  report_delay: { reason: 'provider slow', expectedBy: '2026-10-01' },
  request_info: { message: 'which time zone?' },
  provide_info: { message: 'UTC+7' },
  deliver_evidence: { items: [{ kind: 'FILE' }], final: true },
  close: { outcome: 'evidence used at trial' },
  refuse: { ground: 'DUAL_CRIMINALITY', text: 'not an offence here' },
  withdraw: { reason: 'case dropped' },
  expire: {},
};

const USER_ROLES = ['PROSECUTOR', 'OFFICER', 'SUPERVISOR', 'ADMIN'] as const;
const ACTORS: readonly MachineActor[] = [
  ...USER_ROLES.flatMap((role) => (['REQUESTING', 'REQUESTED', null] as const).map((side) => ({ role, side }))),
  { role: 'SYSTEM', side: null },
];

type Expected = { ok: true; to: RequestState } | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' };

function expected(state: RequestState, type: RequestType, actor: MachineActor, action: RequestAction): Expected {
  const rows = ALLOWED.filter(([a, , role, side]) => a === action && role === actor.role && side === actor.side);
  if (rows.length === 0) return { ok: false, code: 'FORBIDDEN' };
  const row = rows.find(([, from]) => from === state);
  if (!row || !typeFits(action, type)) return { ok: false, code: 'INVALID_TRANSITION' };
  return { ok: true, to: row[4] };
}

const label = (a: MachineActor) => `${a.role}/${a.side ?? '-'}`;

// ---------------------------------------------------------------------------------------------

describe('request state machine: every (state × action × actor × type)', () => {
  it('covers 12 states, 15 actions, 13 actors, 7 types', () => {
    expect(REQUEST_STATES).toHaveLength(12);
    expect(REQUEST_ACTIONS).toHaveLength(15);
    expect(ACTORS).toHaveLength(13);
    expect(REQUEST_TYPES).toHaveLength(7);
  });

  describe.each(REQUEST_TYPES)('type %s', (type) => {
    it.each(REQUEST_ACTIONS)('decide(%s) matches the written expectation', (action) => {
      const mismatches: string[] = [];
      for (const state of REQUEST_STATES) {
        for (const actor of ACTORS) {
          const request: MachineRequest = { state, type, resumeState: RESUME_TO };
          const got = decide(request, actor, action, FULL_INPUT[action]);
          const want = expected(state, type, actor, action);
          const gotShort = got.ok ? { ok: true, to: got.to } : { ok: false, code: got.code };
          if (JSON.stringify(gotShort) !== JSON.stringify(want)) {
            mismatches.push(`${state} ${label(actor)}: got ${JSON.stringify(gotShort)}, want ${JSON.stringify(want)}`);
          }
          if (got.ok) expect(got.rule.action).toBe(action);
          else expect(got.reason).toEqual(expect.any(String));
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('allowedActions = the actions decide accepts with full input, in table order', () => {
      for (const state of REQUEST_STATES) {
        for (const actor of ACTORS) {
          const request: MachineRequest = { state, type, resumeState: RESUME_TO };
          const accepted = REQUEST_ACTIONS.filter((a) => decide(request, actor, a, FULL_INPUT[a]).ok);
          expect({ state, actor, actions: allowedActions(request, actor) }).toEqual({ state, actor, actions: accepted });
          if (actor.role !== 'SYSTEM') expect(allowedActions(request, actor)).not.toContain('expire');
        }
      }
    });
  });

  it('expire is only for the system, and only a PRESERVED PRESERVATION request', () => {
    const preserved: MachineRequest = { state: 'PRESERVED', type: 'PRESERVATION' };
    expect(allowedActions(preserved, { role: 'SYSTEM', side: null })).toEqual(['expire']);
    expect(decide(preserved, { role: 'SYSTEM', side: null }, 'expire')).toMatchObject({ ok: true, to: 'EXPIRED' });
    expect(decide(preserved, { role: 'SYSTEM', side: 'REQUESTED' }, 'expire')).toMatchObject({ code: 'FORBIDDEN' });
    expect(decide(preserved, { role: 'ADMIN', side: null }, 'expire')).toMatchObject({ code: 'FORBIDDEN' });
    expect(decide(preserved, { role: 'OFFICER', side: 'REQUESTED' }, 'expire')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('checks role/side before state, and state/type before input', () => {
    const draft: MachineRequest = { state: 'DRAFT', type: 'OTHER' };
    // wrong actor and wrong state: FORBIDDEN
    expect(decide(draft, { role: 'PROSECUTOR', side: 'REQUESTED' }, 'refuse')).toMatchObject({ code: 'FORBIDDEN' });
    // right actor, wrong state, no input: INVALID_TRANSITION
    const invalid = decide(draft, { role: 'OFFICER', side: 'REQUESTED' }, 'refuse');
    expect(invalid).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(invalid.ok || invalid.reason).toMatch(/DRAFT/);
    // right actor and state, wrong type, no input: INVALID_TRANSITION naming the type
    const wrongType = decide({ state: 'ACKNOWLEDGED', type: 'OTHER' }, { role: 'OFFICER', side: 'REQUESTED' }, 'confirm_preservation');
    expect(wrongType).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(wrongType.ok || wrongType.reason).toMatch(/OTHER/);
  });

  it('withdraw is allowed from every non-terminal state but DRAFT', () => {
    expect([...TRANSITION_TABLE.withdraw.from].sort()).toEqual(
      ['IN_REVIEW', 'SENT', 'ACKNOWLEDGED', 'PRESERVED', 'IN_EXECUTION', 'INFO_REQUESTED', 'EVIDENCE_RECEIVED'].sort(),
    );
  });
});

describe('input', () => {
  const officerAbroad: MachineActor = { role: 'OFFICER', side: 'REQUESTED' };
  const acknowledged: MachineRequest = { state: 'ACKNOWLEDGED', type: 'SUBSCRIBER_INFO' };

  it('INPUT_MISSING lists every missing field', () => {
    expect(decide(acknowledged, officerAbroad, 'refuse')).toEqual({
      ok: false,
      code: 'INPUT_MISSING',
      reason: expect.any(String),
      missing: ['ground', 'text'],
    });
    expect(decide(acknowledged, officerAbroad, 'refuse', { ground: 'OTHER' })).toMatchObject({ missing: ['text'] });
    expect(decide(acknowledged, officerAbroad, 'report_delay', {})).toMatchObject({ missing: ['reason', 'expectedBy'] });
  });

  it("treats undefined, null, '', whitespace and [] as missing; false and 0 as present", () => {
    for (const absent of [undefined, null, '', '   ', '\t\n', []]) {
      expect(missingInput('withdraw', { reason: absent })).toEqual(['reason']);
    }
    expect(missingInput('deliver_evidence', { items: [], final: null })).toEqual(['final']); // items: optional in a final delivery (the action checks)
    expect(missingInput('deliver_evidence', { items: ['x'], final: false })).toEqual([]);
    expect(missingInput('report_delay', { reason: 0, expectedBy: 'soon' })).toEqual([]);
    expect(missingInput('submit', {})).toEqual([]);
  });

  it('deliver_evidence with final: false is accepted and stays IN_EXECUTION', () => {
    const d = decide({ state: 'IN_EXECUTION', type: 'CONTENT_DATA' }, officerAbroad, 'deliver_evidence', {
      items: [{ kind: 'FILE' }],
      final: false,
    });
    expect(d).toMatchObject({ ok: true, to: 'IN_EXECUTION' });
  });

  it('acceptedInput = required ∪ optional', () => {
    expect(acceptedInput('acknowledge')).toEqual(['note', 'assigneeId']);
    expect(acceptedInput('close')).toEqual(['outcome', 'followUpRequestId']);
    expect([...acceptedInput('start_execution')].sort()).toEqual(['assigneeId', 'executingBody', 'note']);
    expect(acceptedInput('confirm_preservation')).toEqual(['preservedUntil', 'note']);
    expect(acceptedInput('refuse')).toEqual(['ground', 'text']);
    expect(acceptedInput('deliver_evidence')).toEqual(['final', 'items']);
    expect(acceptedInput('send')).toEqual(['signedLetter', 'transmission']);
    expect(acceptedInput('expire')).toEqual([]);
  });
});

describe('targets', () => {
  const prosecutor: MachineActor = { role: 'PROSECUTOR', side: 'REQUESTING' };
  const officerAbroad: MachineActor = { role: 'OFFICER', side: 'REQUESTED' };

  it.each(['ACKNOWLEDGED', 'IN_EXECUTION'] as const)('RESUME goes back to %s', (resumeState) => {
    const d = decide({ state: 'INFO_REQUESTED', type: 'TRAFFIC_DATA', resumeState }, prosecutor, 'provide_info', {
      message: 'here',
    });
    expect(d).toMatchObject({ ok: true, to: resumeState });
  });

  it('RESUME without resumeState is a programming error', () => {
    for (const resumeState of [undefined, null]) {
      expect(() =>
        decide({ state: 'INFO_REQUESTED', type: 'OTHER', resumeState }, prosecutor, 'provide_info', { message: 'm' }),
      ).toThrow(Error);
    }
  });

  it('BY_FINAL_FLAG: final true => EVIDENCE_RECEIVED, otherwise IN_EXECUTION', () => {
    const req: MachineRequest = { state: 'IN_EXECUTION', type: 'SEIZED_DEVICE' };
    expect(decide(req, officerAbroad, 'deliver_evidence', { items: [1], final: true })).toMatchObject({ to: 'EVIDENCE_RECEIVED' });
    expect(decide(req, officerAbroad, 'deliver_evidence', { items: [1], final: false })).toMatchObject({ to: 'IN_EXECUTION' });
    expect(decide(req, officerAbroad, 'deliver_evidence', { items: [1], final: 'true' })).toMatchObject({ to: 'IN_EXECUTION' });
  });

  it('SAME stays in the current state', () => {
    expect(decide({ state: 'ACKNOWLEDGED', type: 'OTHER' }, officerAbroad, 'report_delay', FULL_INPUT.report_delay)).toMatchObject({ to: 'ACKNOWLEDGED' });
    expect(decide({ state: 'IN_EXECUTION', type: 'OTHER' }, officerAbroad, 'report_delay', FULL_INPUT.report_delay)).toMatchObject({ to: 'IN_EXECUTION' });
    expect(decide({ state: 'PRESERVED', type: 'PRESERVATION' }, officerAbroad, 'extend_preservation', FULL_INPUT.extend_preservation)).toMatchObject({ to: 'PRESERVED' });
  });
});

describe('ballHolder and isTerminal', () => {
  const HOLDER: Record<RequestState, Side | null> = {
    DRAFT: 'REQUESTING',
    IN_REVIEW: 'REQUESTING',
    SENT: 'REQUESTED',
    ACKNOWLEDGED: 'REQUESTED',
    PRESERVED: 'REQUESTING',
    IN_EXECUTION: 'REQUESTED',
    INFO_REQUESTED: 'REQUESTING',
    EVIDENCE_RECEIVED: 'REQUESTING',
    CLOSED: null,
    REFUSED: null,
    WITHDRAWN: null,
    EXPIRED: null,
  };
  it.each(REQUEST_STATES)('%s', (state) => {
    expect(ballHolder(state)).toBe(HOLDER[state]);
    expect(isTerminal(state)).toBe(['CLOSED', 'REFUSED', 'WITHDRAWN', 'EXPIRED'].includes(state));
  });
});

describe('ballHolderRole: who of that side acts', () => {
  const ROLE: Record<RequestState, 'PROSECUTOR' | 'OFFICER' | null> = {
    DRAFT: 'PROSECUTOR',
    IN_REVIEW: 'OFFICER',
    SENT: 'OFFICER',
    ACKNOWLEDGED: 'OFFICER',
    PRESERVED: 'PROSECUTOR',
    IN_EXECUTION: 'OFFICER',
    INFO_REQUESTED: 'PROSECUTOR',
    EVIDENCE_RECEIVED: 'PROSECUTOR',
    CLOSED: null,
    REFUSED: null,
    WITHDRAWN: null,
    EXPIRED: null,
  };
  it.each(REQUEST_STATES)('%s', (state) => {
    expect(ballHolderRole(state)).toBe(ROLE[state]);
  });
});

describe('deadlineEffects', () => {
  const none = { start: [], meet: [], pause: [], resume: [], move: [], endAllOpen: false };

  it('send starts ACKNOWLEDGEMENT + EXECUTION, or + PRESERVATION_CONFIRMATION for PRESERVATION', () => {
    expect(deadlineEffects('send', 'PRESERVATION')).toEqual({
      ...none,
      meet: ['REVIEW'],
      start: ['ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION'],
    });
    for (const type of REQUEST_TYPES.filter((t) => t !== 'PRESERVATION')) {
      expect(deadlineEffects('send', type)).toEqual({ ...none, meet: ['REVIEW'], start: ['ACKNOWLEDGEMENT', 'EXECUTION'] });
    }
    // the table itself is not changed by the substitution
    expect(TRANSITION_TABLE.send.deadlines.start).toEqual(['ACKNOWLEDGEMENT', 'EXECUTION']);
  });

  it('deliver_evidence meets EXECUTION only when final', () => {
    expect(deadlineEffects('deliver_evidence', 'CONTENT_DATA', { items: [1], final: true })).toEqual({ ...none, meet: ['EXECUTION'] });
    expect(deadlineEffects('deliver_evidence', 'CONTENT_DATA', { items: [1], final: false })).toEqual(none);
    expect(deadlineEffects('deliver_evidence', 'CONTENT_DATA')).toEqual(none);
  });

  it.each(['close', 'refuse', 'withdraw'] as const)('%s ends every open deadline', (action) => {
    for (const type of REQUEST_TYPES) expect(deadlineEffects(action, type)).toEqual({ ...none, endAllOpen: true });
  });

  it('the other actions', () => {
    const t: RequestType = 'SUBSCRIBER_INFO';
    expect(deadlineEffects('submit', t)).toEqual({ ...none, start: ['REVIEW'] });
    expect(deadlineEffects('return', t)).toEqual({ ...none, meet: ['REVIEW'] });
    expect(deadlineEffects('acknowledge', t)).toEqual({ ...none, meet: ['ACKNOWLEDGEMENT'] });
    expect(deadlineEffects('confirm_preservation', 'PRESERVATION')).toEqual({
      ...none,
      meet: ['PRESERVATION_CONFIRMATION'],
      start: ['PRESERVATION_EXPIRY'],
    });
    expect(deadlineEffects('extend_preservation', 'PRESERVATION')).toEqual({ ...none, move: ['PRESERVATION_EXPIRY'] });
    expect(deadlineEffects('start_execution', t)).toEqual(none);
    expect(deadlineEffects('report_delay', t)).toEqual(none);
    expect(deadlineEffects('request_info', t)).toEqual({ ...none, pause: ['EXECUTION'], start: ['INFO_RESPONSE'] });
    expect(deadlineEffects('provide_info', t)).toEqual({ ...none, meet: ['INFO_RESPONSE'], resume: ['EXECUTION'] });
    expect(deadlineEffects('expire', 'PRESERVATION')).toEqual(none);
  });
});

describe('TRANSITION_TABLE', () => {
  it('has one rule per action, in REQUEST_ACTIONS order', () => {
    expect(Object.keys(TRANSITION_TABLE)).toEqual([...REQUEST_ACTIONS]);
    for (const action of REQUEST_ACTIONS) expect(TRANSITION_TABLE[action].action).toBe(action);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(TRANSITION_TABLE)).toBe(true);
    for (const rule of Object.values(TRANSITION_TABLE)) {
      for (const part of [rule, rule.from, rule.types, rule.requiredInput, rule.optionalInput, rule.deadlines]) {
        expect(Object.isFrozen(part)).toBe(true);
      }
      for (const list of [rule.deadlines.start, rule.deadlines.meet, rule.deadlines.pause, rule.deadlines.resume, rule.deadlines.move]) {
        expect(Object.isFrozen(list)).toBe(true);
      }
    }
    expect(() => {
      (TRANSITION_TABLE.submit.from as RequestState[]).push('CLOSED');
    }).toThrow(TypeError);
    expect(TRANSITION_TABLE.submit.from).toEqual(['DRAFT']);
  });
});

// ---------------------------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------------------------

describe('happy paths', () => {
  const prosecutor: MachineActor = { role: 'PROSECUTOR', side: 'REQUESTING' };
  const officerHome: MachineActor = { role: 'OFFICER', side: 'REQUESTING' };
  const officerAbroad: MachineActor = { role: 'OFFICER', side: 'REQUESTED' };

  type Step = [RequestAction, MachineActor, Record<string, unknown>, RequestState];

  function walk(type: RequestType, steps: readonly Step[]): RequestState[] {
    let request: MachineRequest = { state: 'DRAFT', type, resumeState: null };
    const visited: RequestState[] = [request.state];
    for (const [action, actor, input, to] of steps) {
      expect(allowedActions(request, actor)).toContain(action);
      const d = decide(request, actor, action, input);
      if (!d.ok) throw new Error(`${action} from ${request.state} refused: ${d.code} ${d.reason}`);
      expect(d.to).toBe(to);
      request = {
        ...request,
        state: d.to,
        resumeState: d.to === 'INFO_REQUESTED' ? request.state : null,
      };
      visited.push(request.state);
    }
    return visited;
  }

  it('PRESERVATION: DRAFT → … → PRESERVED → CLOSED', () => {
    const visited = walk('PRESERVATION', [
      ['submit', prosecutor, {}, 'IN_REVIEW'],
      ['send', officerHome, {}, 'SENT'],
      ['acknowledge', officerAbroad, { note: 'received' }, 'ACKNOWLEDGED'],
      ['confirm_preservation', officerAbroad, { preservedUntil: '2026-09-01' }, 'PRESERVED'],
      ['extend_preservation', officerAbroad, { preservedUntil: '2026-12-01' }, 'PRESERVED'],
      ['close', prosecutor, { outcome: 'follow-up sent', followUpRequestId: 'r-2' }, 'CLOSED'],
    ]);
    expect(visited.map(ballHolder)).toEqual([
      'REQUESTING', 'REQUESTING', 'REQUESTED', 'REQUESTED', 'REQUESTING', 'REQUESTING', null,
    ]);
    expect(deadlineEffects('send', 'PRESERVATION').start).toEqual(['ACKNOWLEDGEMENT', 'PRESERVATION_CONFIRMATION']);
  });

  it('SUBSCRIBER_INFO: DRAFT → … → INFO_REQUESTED → … → EVIDENCE_RECEIVED → CLOSED', () => {
    const visited = walk('SUBSCRIBER_INFO', [
      ['submit', prosecutor, {}, 'IN_REVIEW'],
      ['return', officerHome, { reason: 'add the time zone' }, 'DRAFT'],
      ['submit', prosecutor, {}, 'IN_REVIEW'],
      ['send', officerHome, {}, 'SENT'],
      ['acknowledge', officerAbroad, {}, 'ACKNOWLEDGED'],
      ['request_info', officerAbroad, { message: 'which account?' }, 'INFO_REQUESTED'],
      ['provide_info', prosecutor, { message: 'the first one' }, 'ACKNOWLEDGED'],
      ['start_execution', officerAbroad, { executingBody: 'cyber police' }, 'IN_EXECUTION'],
      ['report_delay', officerAbroad, { reason: 'provider', expectedBy: '2026-10-01' }, 'IN_EXECUTION'],
      ['request_info', officerAbroad, { message: 'which period?' }, 'INFO_REQUESTED'],
      ['provide_info', prosecutor, { message: 'March 2026' }, 'IN_EXECUTION'],
      ['deliver_evidence', officerAbroad, { items: [{ kind: 'FILE' }], final: false }, 'IN_EXECUTION'],
      ['deliver_evidence', officerAbroad, { items: [{ kind: 'DOCUMENT' }], final: true }, 'EVIDENCE_RECEIVED'],
      ['close', prosecutor, { outcome: 'subscriber identified' }, 'CLOSED'],
    ]);
    expect(visited).toContain('INFO_REQUESTED');
    expect(visited.at(-1)).toBe('CLOSED');
    expect(ballHolder('CLOSED')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random sequences from DRAFT
// ---------------------------------------------------------------------------------------------

describe('property: random sequences of actions from DRAFT', () => {
  // A step is either any (action, actor, with or without input) or, to reach deep states,
  // a pick among the (actor, action) pairs allowed now.
  const arbStep = fc.oneof(
    fc.record({
      kind: fc.constant('any' as const),
      action: fc.constantFrom(...REQUEST_ACTIONS),
      actor: fc.constantFrom(...ACTORS),
      withInput: fc.boolean(),
      final: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('allowed' as const), pick: fc.nat(), final: fc.boolean() }),
  );

  it('accepted steps land in known states, terminal states accept nothing, refusals change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_TYPES), fc.array(arbStep, { maxLength: 40 }), (type, steps) => {
        let request: MachineRequest = Object.freeze({ state: 'DRAFT', type, resumeState: null });
        for (const step of steps) {
          let action: RequestAction;
          let actor: MachineActor;
          let input: Record<string, unknown>;
          if (step.kind === 'any') {
            ({ action, actor } = step);
            input = step.withInput ? { ...FULL_INPUT[action], final: step.final } : {};
          } else {
            const pairs = ACTORS.flatMap((a) => allowedActions(request, a).map((x) => [a, x] as const));
            if (pairs.length === 0) {
              expect(isTerminal(request.state)).toBe(true);
              continue;
            }
            [actor, action] = pairs[step.pick % pairs.length];
            input = { ...FULL_INPUT[action], final: step.final };
          }

          const before = { ...request };
          const d = decide(request, actor, action, input);
          expect(request).toEqual(before);

          if (isTerminal(request.state)) {
            expect(d.ok).toBe(false);
            for (const a of ACTORS) expect(allowedActions(request, a)).toEqual([]);
          }
          if (!d.ok) {
            expect(['FORBIDDEN', 'INVALID_TRANSITION', 'INPUT_MISSING']).toContain(d.code);
            continue; // the state stays as it was
          }
          expect(REQUEST_STATES).toContain(d.to);
          expect(allowedActions(request, actor)).toContain(action);
          const resumeState = d.to === 'INFO_REQUESTED' ? request.state : null;
          request = Object.freeze({ state: d.to, type, resumeState });
        }
      }),
      { numRuns: 500 },
    );
  });
});
