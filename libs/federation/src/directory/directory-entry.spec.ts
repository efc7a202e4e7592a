import { readPeerDirectory, type DirectoryEntry } from './directory-entry';

const SG = { nodeId: 'sg.test', countries: ['SG'] };
const entry = (over: Partial<Record<keyof DirectoryEntry, unknown>> & Record<string, unknown> = {}) => ({
  code: 'SG-CA', country: 'SG', kind: 'CENTRAL_AUTHORITY', names: { en: "Attorney-General's Chambers", vi: 'Văn phòng Tổng Chưởng lý' },
  timezone: 'Asia/Singapore', languages: ['en'], channels: ['CENTRAL_AUTHORITY_MAIL'], address: null, email: 'agc@example.sg', ...over,
});
const doc = (authorities: unknown[], over: Record<string, unknown> = {}) => ({ nodeId: 'sg.test', countries: ['SG'], issuedAt: '2026-12-06T10:00:00.000Z', authorities, ...over });
const fields = (r: ReturnType<typeof readPeerDirectory>) => (Array.isArray(r) ? r.map((e) => e.field) : 'accepted');

describe('readPeerDirectory (a peer’s signed directory, DESIGN §15)', () => {
  it('accepts a well-formed directory of the peer’s own countries', () => {
    const read = readPeerDirectory(doc([entry(), entry({ code: 'SG-PROS', kind: 'PROSECUTION_OFFICE', email: null, channels: [] })]), SG);
    expect(Array.isArray(read)).toBe(false);
    expect(!Array.isArray(read) && read.authorities.map((a) => a.code)).toEqual(['SG-CA', 'SG-PROS']);
  });

  it('refuses an entry of a country the peer does not serve, naming it', () => {
    const read = readPeerDirectory(doc([entry(), entry({ code: 'VN-CA', country: 'VN' })]), SG);
    expect(read).toEqual([{ field: 'authorities[1].country', message: 'VN is not a country sg.test serves (SG)' }]);
  });

  it('refuses a directory that names another node, or a code twice', () => {
    expect(fields(readPeerDirectory(doc([entry()], { nodeId: 'evil.test' }), SG))).toEqual(['nodeId']);
    expect(fields(readPeerDirectory(doc([entry(), entry()]), SG))).toEqual(['authorities[1].code']);
  });

  it.each([
    ['an unknown field (a webhook)', entry({ webhookUrl: 'https://x.example' }), 'authorities[0]'],
    ['a person', entry({ users: [{ email: 'a@b.c' }] }), 'authorities[0]'],
    ['a bad code', entry({ code: 'sg ca' }), 'authorities[0].code'],
    ['an unknown kind', entry({ kind: 'POLICE' }), 'authorities[0].kind'],
    ['no name', entry({ names: {} }), 'authorities[0].names'],
    ['a name in a bad language key', entry({ names: { English: 'x' } }), 'authorities[0].names.English'],
    ['an empty name', entry({ names: { en: '  ' } }), 'authorities[0].names.en'],
    ['not a time zone', entry({ timezone: 'Mars/Olympus' }), 'authorities[0].timezone'],
    ['no language', entry({ languages: [] }), 'authorities[0].languages'],
    ['a language twice', entry({ languages: ['en', 'en'] }), 'authorities[0].languages'],
    ['an unknown channel', entry({ channels: ['PIGEON'] }), 'authorities[0].channels[0]'],
    ['a bad e-mail', entry({ email: 'not-an-email' }), 'authorities[0].email'],
    ['a missing field', (({ timezone: _t, ...rest }) => rest)(entry()), 'authorities[0].timezone'],
    ['a number for a country', entry({ country: 65 }), 'authorities[0].country'],
  ])('refuses an entry with %s', (_what, bad, field) => {
    expect(fields(readPeerDirectory(doc([bad]), SG))).toEqual([field]);
  });

  it.each([
    ['not an object', 'directory', '(directory)'],
    ['no authorities', (({ authorities: _a, ...rest }) => rest)(doc([])), 'authorities'],
    ['a bad issuedAt', doc([], { issuedAt: 'yesterday' }), 'issuedAt'],
    ['too many entries', doc(Array.from({ length: 501 }, (_, i) => entry({ code: `SG-${i}` }))), 'authorities'],
  ])('refuses a directory with %s', (_what, bad, field) => {
    expect(fields(readPeerDirectory(bad, SG))).toEqual([field]);
  });
});
