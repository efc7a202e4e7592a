import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import '@/test/render';
import { actorText, changedFieldsByEvent, eventParts, type HistoryEvent } from './history-text';

const draft = { type: 'SUBSCRIBER_INFO', priority: 'URGENT', title: 'Phishing', facts: 'Facts', measures: ['a'], identifiers: [], details: { caseNo: '1' }, language: 'vi', neededBy: null };
const events: HistoryEvent[] = [
  { seq: 1, action: 'create', input: draft },
  // A whole form saved, one field changed (as the console saved before the API kept only changes).
  { seq: 2, action: 'edit', input: { ...draft, title: 'Phishing ring', details: { caseNo: '1' } } },
  { seq: 3, action: 'edit', input: { facts: 'New facts', offence: { description: 'Fraud', provision: 'Art. 174' } } },
];
const attach: HistoryEvent = {
  seq: 4,
  action: 'attach',
  input: { attachmentId: '9b1d…', kind: 'COURT_ORDER', language: 'en', fileName: 'order.pdf', mediaType: 'application/pdf', sizeBytes: 20480, sha256: 'ab'.repeat(32) },
};
const outcome = 'The evidence was admitted at trial and the defendants were convicted of fraud under article 174 of the Penal Code; '.repeat(3);

describe('the history, readable', () => {
  it('an edit lists only the fields it changed', () => {
    const changed = changedFieldsByEvent(events);
    expect(changed.get(2)).toEqual(['title']);
    expect(changed.get(3)).toEqual(['facts', 'offence']);
    const t = i18n.getFixedT('en');
    expect(eventParts(events[1]!, changed.get(2), t, 'en')).toEqual(['Changed: Title']);
    expect(eventParts(events[2]!, changed.get(3), i18n.getFixedT('vi'), 'vi')).toEqual(['Đã sửa: Tóm tắt sự việc, Tội phạm']);
  });

  it.each([
    ['en', ['Kind: Court order', 'Language: English', 'File name: order.pdf', 'Size: 20 kB', `SHA-256: ${'ab'.repeat(6)}…`]],
    ['vi', ['Loại: Quyết định của Tòa án', 'Ngôn ngữ: Tiếng Anh', 'Tên tệp: order.pdf', 'Dung lượng: 20 kB', `SHA-256: ${'ab'.repeat(6)}…`]],
  ] as const)('a document attached, in words (%s): no raw key, kind or media type', (lang, parts) => {
    const got = eventParts(attach, undefined, i18n.getFixedT(lang), lang);
    expect(got).toEqual(parts);
    expect(got.join(' ')).not.toMatch(/attachmentId|mediaType|fileName|COURT_ORDER|application\/pdf/);
  });

  it('an outcome shown whole, never cut mid-word', () => {
    const got = eventParts({ seq: 9, action: 'close', input: { outcome } }, undefined, i18n.getFixedT('en'), 'en');
    expect(got).toEqual([`Outcome: ${outcome}`]);
  });

  it('names the person, else their authority', () => {
    const t = i18n.getFixedT('en');
    const names = { users: { u: 'Trần Thị B' }, authorities: { vn: 'Supreme People’s Procuracy', sg: "Attorney-General's Chambers" } };
    expect(actorText({ userId: 'u', role: 'OFFICER', authorityId: 'vn', authorityCode: 'VN-CA' }, names, t)).toBe('Trần Thị B (Officer, Supreme People’s Procuracy)');
    // the other country's officer: not named by the API, so by authority
    expect(actorText({ userId: 'x', role: 'OFFICER', authorityId: 'sg', authorityCode: 'SG-CA' }, names, t)).toBe("Officer, Attorney-General's Chambers");
    expect(actorText({ userId: null, role: 'SYSTEM', authorityCode: null }, names, t)).toBe('System');
  });
});
