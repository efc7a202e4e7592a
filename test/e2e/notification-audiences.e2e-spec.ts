import { REQUEST_ACTIONS } from '@mla/domain';
import { renderNotification } from '@mla/notifications';
import { audienceOf, COMMAND_TABLE, notificationMessages, type RequestRow } from '@mla/requests';

/**
 * Who is told of each action of the state table, and what each recipient reads (DESIGN §7:
 * each action tells the other side; the text is written for the recipient's side), in English
 * and Vietnamese. Pure: the command table's audiences, the notification plan and the texts
 * the delivery renders, recipient by recipient.
 */
const PROS = 'vn-hcm-pros';
const VN_CA = 'vn-ca';
const VN_247 = 'vn-247';
const SG_CA = 'sg-agc';
const HOME_OFFICERS = [VN_CA, VN_247];

const row = (sent: boolean) =>
  ({
    id: '00000000-0000-4000-8000-000000000001',
    reference: 'VN-2026-000001',
    state: 'SENT',
    type: 'PRESERVATION',
    priority: 'URGENT',
    confidential: false,
    requestingAuthorityId: PROS,
    requestedAuthorityId: SG_CA,
    sendingAuthorityId: sent ? VN_CA : null,
    sentAt: sent ? new Date('2026-12-01T00:00:00Z') : null,
  }) as unknown as RequestRow;

interface Told {
  side: 'REQUESTING' | 'REQUESTED';
  en: RegExp;
  vi: RegExp;
}

/** Per action: whether the request was sent when it is told, and per recipient what it must read. */
const EXPECTED: Record<string, { sent: boolean; told: Record<string, Told> }> = {
  submit: {
    sent: false,
    told: {
      [VN_CA]: { side: 'REQUESTING', en: /A prosecutor submitted request VN-2026-000001 for review/, vi: /Kiểm sát viên đã trình yêu cầu VN-2026-000001/ },
      [VN_247]: { side: 'REQUESTING', en: /A prosecutor submitted request VN-2026-000001 for review/, vi: /Kiểm sát viên đã trình yêu cầu VN-2026-000001/ },
    },
  },
  return: {
    sent: false,
    told: { [PROS]: { side: 'REQUESTING', en: /central authority returned request VN-2026-000001/, vi: /Cơ quan trung ương đã trả lại yêu cầu VN-2026-000001/ } },
  },
  send: {
    sent: true,
    told: {
      [SG_CA]: { side: 'REQUESTED', en: /New request VN-2026-000001 received.*was sent to you/, vi: /Đã nhận yêu cầu mới VN-2026-000001.*gửi đến quý cơ quan/ },
      [PROS]: { side: 'REQUESTING', en: /Request VN-2026-000001 sent abroad.*awaits their acknowledgement/, vi: /đã được gửi ra nước ngoài.*chờ phía nước ngoài xác nhận/ },
    },
  },
  ...Object.fromEntries(
    (
      [
        ['acknowledge', /requested authority acknowledged request/, /Cơ quan được yêu cầu đã xác nhận đã nhận/],
        ['confirm_preservation', /are preserved; send the follow-up request/, /đang được bảo quản; hãy gửi yêu cầu tiếp theo/],
        ['extend_preservation', /preservation of request VN-2026-000001 was extended/, /đã được gia hạn/],
        ['start_execution', /requested authority started executing/, /đã bắt đầu thực hiện/],
        ['report_delay', /requested authority reported a delay/, /thông báo việc thực hiện yêu cầu VN-2026-000001 bị chậm trễ/],
        ['request_info', /asks for more information.*paused/, /đề nghị bổ sung thông tin.*tạm dừng/],
        ['deliver_evidence', /Evidence was delivered for request VN-2026-000001/, /Chứng cứ đã được chuyển giao/],
        ['refuse', /requested authority refused request/, /Cơ quan được yêu cầu đã từ chối/],
      ] as const
    ).map(([action, en, vi]) => [
      action,
      { sent: true, told: { [PROS]: { side: 'REQUESTING', en, vi }, [VN_CA]: { side: 'REQUESTING', en, vi } } },
    ]),
  ),
  provide_info: {
    sent: true,
    told: {
      [SG_CA]: { side: 'REQUESTED', en: /requesting side answered the request for information/, vi: /Bên yêu cầu đã trả lời/ },
      [VN_CA]: { side: 'REQUESTING', en: /prosecutor answered the request for information/, vi: /Kiểm sát viên đã trả lời/ },
    },
  },
  close: {
    sent: true,
    told: {
      [SG_CA]: { side: 'REQUESTED', en: /Request VN-2026-000001 was closed/, vi: /Yêu cầu VN-2026-000001 đã được đóng/ },
      [VN_CA]: { side: 'REQUESTING', en: /Request VN-2026-000001 was closed/, vi: /Yêu cầu VN-2026-000001 đã được đóng/ },
    },
  },
  withdraw: {
    sent: true,
    told: {
      [SG_CA]: { side: 'REQUESTED', en: /requesting side withdrew request/, vi: /Bên yêu cầu đã rút lại/ },
      [VN_CA]: { side: 'REQUESTING', en: /prosecutor withdrew request/, vi: /Kiểm sát viên đã rút lại/ },
    },
  },
  expire: {
    sent: true,
    told: Object.fromEntries(
      ([[PROS, 'REQUESTING'], [VN_CA, 'REQUESTING'], [SG_CA, 'REQUESTED']] as const).map(([id, side]) => [
        id,
        { side, en: /ended without a follow-up request/, vi: /đã hết mà không có yêu cầu tiếp theo/ },
      ]),
    ),
  },
};

/** Words that only one side may read: the requested side's "to you", the requesting side's "abroad" and "the prosecutor". */
const NOT_FOR: Record<Told['side'], RegExp> = {
  REQUESTING: /sent to you|quý cơ quan|đã nhận yêu cầu mới|New request .* received/i,
  REQUESTED: /sent abroad|gửi ra nước ngoài|The prosecutor|Kiểm sát viên đã/,
};

function delivered(action: string, sent: boolean, language: string) {
  const spec = COMMAND_TABLE[action as keyof typeof COMMAND_TABLE];
  if (!spec.notify) return [];
  const r = row(sent);
  const messages = notificationMessages({
    type: spec.notify.type,
    request: { id: r.id, reference: r.reference, state: r.state },
    eventSeq: 2,
    at: new Date('2026-12-02T00:00:00Z'),
    data: {},
    recipients: audienceOf(r, spec.notify.audience, HOME_OFFICERS),
  });
  // As the delivery renders them: the outbox row's type and payload, in the recipient's language.
  return messages.map((m) => {
    const side = (m.payload as { recipientSide?: string }).recipientSide;
    const text = renderNotification(m.type, language, { reference: (m.payload.request as { reference: string }).reference }, side);
    return { authorityId: m.recipientAuthorityId, side, text: `${text.title}. ${text.body}` };
  });
}

describe('notifications of every action of the state table: who is told and what each side reads', () => {
  it('covers every action of the table that notifies', () => {
    const notifying = REQUEST_ACTIONS.filter((a) => COMMAND_TABLE[a].notify !== null);
    expect(Object.keys(EXPECTED).sort()).toEqual([...notifying].sort());
  });

  describe.each(Object.entries(EXPECTED))('%s', (action, { sent, told }) => {
    it.each(['en', 'vi'] as const)('tells exactly the expected authorities, each in words for its side (%s)', (language) => {
      const got = delivered(action, sent, language);
      expect(got.map((g) => g.authorityId).sort()).toEqual(Object.keys(told).sort());
      for (const g of got) {
        const want = told[g.authorityId] as Told;
        expect({ authority: g.authorityId, side: g.side }).toEqual({ authority: g.authorityId, side: want.side });
        expect(g.text).toMatch(want[language]);
        expect(g.text).not.toMatch(NOT_FOR[want.side]);
      }
    });
  });

  it('a request withdrawn before it is sent tells the home officers, never the requested authority', () => {
    const got = delivered('withdraw', false, 'vi');
    expect(got.map((g) => g.authorityId).sort()).toEqual([VN_247, VN_CA]);
    for (const g of got) expect(g.text).toMatch(/Kiểm sát viên đã rút lại yêu cầu VN-2026-000001/);
  });
});
