import { COMMAND_TABLE } from './request-commands';
import { contentAsSent, DRAFT_FIELDS, fieldsWhere, REQUEST_FIELDS, SENT_FIELDS } from './request-fields';
import { JSON_COLUMNS, WRITABLE_COLUMNS } from '../request.row';
import { REQUEST_COLUMNS } from '../requests.repository';

describe('REQUEST_FIELDS: a request’s columns declared once', () => {
  it('the content as sent is the draft’s content but the requested authority (named apart), in descriptor order', () => {
    expect(SENT_FIELDS).toEqual(DRAFT_FIELDS.filter((f) => f !== 'requestedAuthorityId'));
    expect(SENT_FIELDS).toEqual([
      'type', 'priority', 'channel', 'legalBasis', 'treatyName', 'title', 'offence', 'facts', 'measures', 'identifiers',
      'relatedRequestId', 'neededBy', 'confidential', 'language', 'details',
    ]);
    const row = Object.fromEntries(Object.keys(REQUEST_FIELDS).map((name) => [name, `${name}-value`]));
    expect(contentAsSent(row as never)).toEqual(Object.fromEntries(SENT_FIELDS.map((f) => [f, `${f}-value`])));
  });

  it('the edit command takes exactly the draft’s content fields', () => {
    expect(COMMAND_TABLE.edit.optionalInput).toEqual(DRAFT_FIELDS);
  });

  it('every draft field is writable and written at creation; what a change may set has a column', () => {
    for (const f of DRAFT_FIELDS) expect(REQUEST_FIELDS[f]).toMatchObject({ writable: true, inserted: true });
    expect(Object.keys(WRITABLE_COLUMNS)).toEqual(fieldsWhere('writable'));
    expect(WRITABLE_COLUMNS).toMatchObject({ legalBasis: 'legal_basis', neededBy: 'needed_by', deletedAt: 'deleted_at', version: 'version' });
    expect(WRITABLE_COLUMNS).not.toHaveProperty('reference');
    expect(WRITABLE_COLUMNS).not.toHaveProperty('createdAt');
  });

  it('JSON columns are the jsonb ones', () => {
    expect([...JSON_COLUMNS].sort()).toEqual(['delayEstimate', 'details', 'identifiers', 'measures', 'offence', 'pendingAct', 'refusal', 'transmission']);
  });

  it('the select list reads every field but deletedAt, a date as YYYY-MM-DD, and both authorities', () => {
    expect(REQUEST_COLUMNS).toContain(`to_char(r.needed_by, 'YYYY-MM-DD') AS "neededBy"`);
    expect(REQUEST_COLUMNS).toContain('r.legal_basis AS "legalBasis"');
    expect(REQUEST_COLUMNS).not.toContain('deleted_at');
    expect(REQUEST_COLUMNS).toContain('rb.timezone AS "requestedAuthorityTimezone"');
    expect(REQUEST_COLUMNS.split(/, (?=r\.|ra\.|rb\.|to_char\()/).length).toBe(Object.keys(REQUEST_FIELDS).length - 1 + 8);
  });

  it('a new draft starts with each field’s initial value, the deadline outcomes zero for every kind', () => {
    expect(REQUEST_FIELDS.priority.initial()).toBe('ROUTINE');
    expect(REQUEST_FIELDS.measures.initial()).toEqual([]);
    expect(REQUEST_FIELDS.deadlineOutcomes.initial()).toEqual(new Array(18).fill(0));
    expect(REQUEST_FIELDS.measures.initial()).not.toBe(REQUEST_FIELDS.measures.initial());
  });
});
