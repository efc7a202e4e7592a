import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addMessages, i18n } from '@/lib/i18n';
import { renderIn } from '@/test/render';
import { transmissionsMessages } from '../transmissions/i18n';
import { EventInput, RecomputedDeadlines } from './History';
import { actionText, actorText, proposalNodes, type HistoryEvent } from './history-text';

const input = {
  calendarCountry: 'VN',
  deadlines: [{ deadlineId: 'd1', kind: 'EXECUTION', party: 'REQUESTED', businessDays: 10, oldDueAt: '2027-02-10T10:00:00Z', newDueAt: '2027-02-17T10:00:00Z' }],
};

describe('a recompute_deadlines event in the history', () => {
  it('names the calendar and each moved deadline with its count and due times, in English', async () => {
    await renderIn(<RecomputedDeadlines input={input} />, 'en');
    expect(screen.getByText(/working calendar of Vietnam changed/)).toBeTruthy();
    expect(screen.getByText(/^Execution \(10 business days\): 10 Feb 2027, \d\d:00 .+ → 17 Feb 2027/)).toBeTruthy();
  });

  it('and in Vietnamese', async () => {
    await renderIn(<RecomputedDeadlines input={{ ...input, deadlines: [{ ...input.deadlines[0], businessDays: 1 }] }} />, 'vi');
    expect(screen.getByText(/Lịch làm việc của Việt Nam đã thay đổi/)).toBeTruthy();
    expect(screen.getByText(/^Thực hiện \(1 ngày làm việc\): .*2027.* → .*2027/)).toBeTruthy();
  });
});

describe('the events of a request across two hubs in the history (DESIGN §15)', () => {
  addMessages('transmissions', transmissionsMessages);
  const messageId = '00000000-0000-4000-8000-0000000000c1';
  const proposed: HistoryEvent = {
    seq: 7, action: 'act_proposed',
    input: { action: 'withdraw', input: { reason: 'The suspect was arrested at home' }, messageId, to: 'sg.example' },
    actor: { userId: 'u1', role: 'PROSECUTOR', authorityId: 'a1', authorityCode: 'VN-HCM-PROS' },
  };
  const rejected: HistoryEvent = {
    seq: 8, action: 'act_rejected',
    input: { action: 'withdraw', messageId, code: 'INVALID_TRANSITION', reason: 'INVALID_TRANSITION', detail: 'withdraw is not allowed from state REFUSED', proposedBy: 'u1' },
    actor: { userId: null, role: 'SYSTEM', authorityCode: null },
  };
  const received: HistoryEvent = {
    seq: 1, action: 'receive',
    input: { letter: { language: 'en', sha256: 'ab'.repeat(32) }, message: { id: messageId, node: 'vn.example' } },
    actor: { userId: null, role: 'PROSECUTOR', authorityId: 'a1', authorityCode: 'VN-HCM-PROS', displayName: 'Nguyễn Văn An', node: 'vn.example' },
  };
  const proposedTo = proposalNodes([proposed, rejected]);
  const names = { users: {}, authorities: { a1: 'Procuracy of Ho Chi Minh City', a2: 'Central Authority of Singapore' } };

  it('in English: the request received from the other hub, an act proposed to it, then refused there with why and its own words', async () => {
    const lines = async (e: HistoryEvent) => {
      const { container, unmount } = await renderIn(<EventInput event={e} changed={undefined} proposedTo={proposedTo} />, 'en');
      const out = [...container.querySelectorAll('p')].map((p) => p.textContent);
      unmount();
      return out;
    };
    expect(await lines(proposed)).toEqual([
      '“Withdraw” sent to the other hub (sg.example) for its decision: it takes effect once that hub applies it.',
      'Reason: The suspect was arrested at home',
    ]);
    expect(await lines(rejected)).toEqual([
      '“Withdraw” refused by the other hub (sg.example): the request is already “Refused” there. It is no longer waiting.',
      'In the other hub’s words: withdraw is not allowed from state REFUSED',
    ]);
    expect(await lines({ ...rejected, input: { ...rejected.input, code: 'RULE_VIOLATED', detail: null } })).toEqual([
      '“Withdraw” refused by the other hub (sg.example): the other hub does not accept it under its rules (for instance, an authority it does not serve). It is no longer waiting.',
    ]);
    expect(await lines(received)).toEqual(['Sent by vn.example as a signed message; its signature was verified here.', `Letter of request: in English, SHA-256 ${'ab'.repeat(6)}…`]);
    const t = i18n.getFixedT('en');
    expect([received, proposed, rejected, { seq: 2, action: 'receive', input: {} }].map((e) => actionText(e, t))).toEqual([
      'Received from the other hub', 'Proposed to the other hub', 'Refused by the other hub', 'Received on paper',
    ]);
    // an act taken on the other hub: its person as that hub named them, the authority, the hub
    expect(actorText(received.actor, names, t)).toBe('Nguyễn Văn An, Procuracy of Ho Chi Minh City (on vn.example)');
    expect(actorText({ userId: null, role: 'OFFICER', authorityId: 'a2', authorityCode: 'SG-CA', displayName: null, node: 'sg.example' }, names, t)).toBe('Officer, Central Authority of Singapore (on sg.example)');
    expect(actorText({ userId: null, role: 'SYSTEM', authorityId: 'a2', authorityCode: 'SG-CA', node: 'sg.example' }, names, t)).toBe('System, Central Authority of Singapore (on sg.example)');
    expect(actorText(rejected.actor, names, t)).toBe('System');
  });

  it('and in Vietnamese', async () => {
    const { container } = await renderIn(<EventInput event={rejected} changed={undefined} proposedTo={proposedTo} />, 'vi');
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)[0]).toBe('“Rút yêu cầu” bị hệ thống bên kia (sg.example) từ chối: yêu cầu tại đó đã ở trạng thái “Bị từ chối”. Thao tác không còn chờ quyết định.');
    const t = i18n.getFixedT('vi');
    expect(actorText(received.actor, names, t)).toBe('Nguyễn Văn An, Procuracy of Ho Chi Minh City (trên hệ thống vn.example)');
    expect(actionText(received, t)).toBe('Nhận từ hệ thống bên kia');
  });
});
