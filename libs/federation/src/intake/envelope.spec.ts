import { messageIdOf, readEnvelope } from './envelope';

const valid = {
  id: '0b5c3d1e-7f2a-4c6b-9d8e-1a2b3c4d5e6f',
  type: 'request.sent',
  requestId: '6f4e3d2c-1b0a-4987-8654-3210fedcba98',
  from: { node: 'vn.mla.example', authority: { code: 'VN-CA', country: 'VN' } },
  to: { node: 'sg.mla.example', authority: { code: 'SG-CA', country: 'SG' } },
  createdAt: '2026-11-02T03:00:00.000Z',
  event: { seq: 1, action: 'send' },
  files: [{ sha256: 'a'.repeat(64), sizeBytes: 12, fileName: 'letter.pdf', mediaType: 'application/pdf' }],
};
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('the envelope of a federation message (DESIGN §15)', () => {
  it('reads a valid envelope', () => {
    expect(readEnvelope(bytes(valid))).toEqual(valid);
  });

  it('refuses unknown fields, wrong types, missing fields and what cannot be stored, naming each field', () => {
    expect(readEnvelope(bytes({ ...valid, extra: 1 }))).toEqual([{ field: 'body', message: expect.stringMatching(/extra/) }]);
    expect(readEnvelope(bytes({ ...valid, from: { ...valid.from, authority: 'VN-CA' } }))).toEqual([{ field: 'from.authority', message: expect.any(String) }]);
    expect(readEnvelope(bytes({ ...valid, createdAt: '2026-02-30T10:00:00Z' }))).toEqual([{ field: 'createdAt', message: 'is not a real instant' }]);
    expect(readEnvelope(bytes({ ...valid, files: [{ sha256: 'A'.repeat(64), sizeBytes: -1 }] }))).toHaveLength(2);
    const { event: _e, ...noEvent } = valid;
    expect(readEnvelope(bytes(noEvent))).toEqual([{ field: 'event', message: expect.any(String) }]);
    expect(readEnvelope(bytes({ ...valid, event: { note: 'a\u0000b' } }))).toEqual([{ field: 'event.note', message: expect.stringMatching(/NUL/) }]);
    expect(readEnvelope(bytes('{"__proto__": {}}'))).toEqual([{ field: '__proto__', message: 'is not a known field' }]);
    expect(readEnvelope(bytes('['.repeat(100)))).toEqual([{ field: 'body', message: expect.stringMatching(/nests deeper/) }]);
    expect(readEnvelope(Buffer.from([0xff, 0xfe]))).toEqual([{ field: 'body', message: 'is not UTF-8' }]);
    expect(readEnvelope(bytes('nope'))).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
  });

  it('finds the id a refused body names, when it is a UUID', () => {
    expect(messageIdOf(bytes(valid))).toBe(valid.id);
    expect(messageIdOf(bytes({ id: 'x' }))).toBeNull();
    expect(messageIdOf(bytes('nope'))).toBeNull();
  });
});
