import fc from 'fast-check';
import { unsafeNameCharacter } from './safe-name';

describe('names without control or bidirectional formatting characters (issue 22 item 7)', () => {
  it('refuses C0, DEL, C1, LRM/RLM/ALM, embeddings, overrides and isolates', () => {
    const refused = [0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const c of refused) expect(unsafeNameCharacter(`order${String.fromCodePoint(c)}fdp.exe`)).toBe(`U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
  });

  it('admits letters of every script, spaces and punctuation', () => {
    for (const name of ['Cục Hợp tác quốc tế', 'court-order (final).pdf', 'محكمة.pdf', 'שלום', '法院命令.pdf', 'Zoë Ångström']) expect(unsafeNameCharacter(name)).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const found = unsafeNameCharacter(s);
        if (found === null) expect([...s].some((ch) => /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(ch))).toBe(false);
      }),
    );
  });
});
