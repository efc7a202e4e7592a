import { describe, expect, it } from 'vitest';
import { addMessages, i18n } from '@/lib/i18n';
import { recordedLine } from './history-line';
import { counterpartsMessages } from './i18n';
import { dayToInstant, toTransmission } from './TransmissionFields';

addMessages('counterparts', counterpartsMessages);

const event = {
  action: 'acknowledge',
  actor: { authorityCode: 'US-OIA' },
  recorder: { displayName: 'Trần Thị Bình', authorityCode: 'VN-CA' },
  recordedFrom: { correspondenceDate: '2026-12-03', reference: 'IAD/2026/114' },
};

describe('an act recorded from a letter, in the history', () => {
  it('names who acted, when, who recorded it and from which letter, in English and Vietnamese', async () => {
    await i18n.changeLanguage('en');
    expect(recordedLine(event, i18n.t, 'en')).toBe('US-OIA – Acknowledge on 3 Dec 2026, recorded by Trần Thị Bình from letter IAD/2026/114');
    await i18n.changeLanguage('vi');
    expect(recordedLine(event, i18n.t, 'vi')).toMatch(/^US-OIA – Xác nhận tiếp nhận ngày .*3.*2026, do Trần Thị Bình ghi nhận từ công văn IAD\/2026\/114$/);
  });

  it('says nothing of an event that was not recorded', () => {
    expect(recordedLine({ action: 'acknowledge', actor: { authorityCode: 'SG-CA' } }, i18n.t, 'en')).toBeNull();
  });
});

describe('the transmission typed in the send dialog', () => {
  it('is sent only complete, its day as an instant never in the future', () => {
    expect(toTransmission({ channel: '', day: '2026-12-01', reference: 'NV-1' })).toBeNull();
    expect(toTransmission({ channel: 'EMAIL', day: '2026-12-01', reference: ' ' })).toBeNull();
    expect(toTransmission({ channel: 'EMAIL', day: '2026-12-01', reference: ' NV-1 ' })).toMatchObject({ channel: 'EMAIL', dispatchReference: 'NV-1' });
    expect(new Date(dayToInstant('2999-01-01')).getTime()).toBeLessThanOrEqual(Date.now());
  });
});
