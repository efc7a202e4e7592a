/**
 * What the caller may do now about an OFFLINE counterpart (DESIGN §14), from the one state
 * table: the counterpart's acts it may record, and whether it may chase. Pure.
 */
import { RECORDABLE_ACTIONS, type RequestAction } from '@mla/domain';
import type { Principal } from '@mla/identity';
import { ballHolder } from './ball-holder';
import { keeperSideOf, offlineSideOf } from './counterpart-sides';
import { allowedActions, TRANSITION_TABLE } from './request-state-machine';
import type { RequestRow } from './request-row';
import { sideOf } from './visibility';

/** Whether the caller is an officer of the side that keeps the request for its OFFLINE counterpart. */
export function isKeeperOfficer(caller: Principal, r: RequestRow): boolean {
  const keeper = keeperSideOf(r);
  return caller.role === 'OFFICER' && keeper !== null && sideOf(caller, r) === keeper;
}

/** The counterpart's acts the caller may record now (the table's, as if taken by the counterpart), in table order. */
export function recordableActions(caller: Principal, r: RequestRow): RequestAction[] {
  const offline = offlineSideOf(r);
  if (offline === null || !isKeeperOfficer(caller, r)) return [];
  const machine = { state: r.state, type: r.type, resumeState: r.resumeState };
  const acts = new Set([...allowedActions(machine, { role: 'OFFICER', side: offline }), ...allowedActions(machine, { role: 'PROSECUTOR', side: offline })]);
  return RECORDABLE_ACTIONS.filter((a) => acts.has(a) && TRANSITION_TABLE[a].side === offline);
}

/** Whether the caller may chase the counterpart now: something is awaited of it. */
export function mayChase(caller: Principal, r: RequestRow): boolean {
  const offline = offlineSideOf(r);
  return offline !== null && isKeeperOfficer(caller, r) && r.state !== 'DRAFT' && ballHolder(r.state) === offline;
}
