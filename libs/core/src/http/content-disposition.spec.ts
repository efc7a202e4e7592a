import { contentDisposition, safeFileName } from './content-disposition';

describe('contentDisposition (RFC 6266 / 8187)', () => {
  it('names a UTF-8 file with an ASCII fallback and filename*', () => {
    expect(contentDisposition('Biên bản thu giữ.pdf')).toBe(
      `attachment; filename="Bi_n b_n thu gi_.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20thu%20gi%E1%BB%AF.pdf`,
    );
  });

  it('replaces a right-to-left override so the extension cannot be disguised', () => {
    const header = contentDisposition('invoice\u202Efdp.exe');
    expect(header).toBe(`attachment; filename="invoice_fdp.exe"; filename*=UTF-8''invoice_fdp.exe`);
    expect(header).not.toMatch(/\u202E|%E2%80%AE/);
  });

  it('never lets CR or LF split the header, nor a quote end the parameter', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1".txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="a__Set-Cookie_ x=1_.txt"; filename*=UTF-8''a__Set-Cookie_%20x%3D1_.txt`);
  });

  it('keeps folders, dots and emptiness out of the name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('\u202E\r\n', 'evidence-1-1.bin')).toBe('evidence-1-1.bin');
    expect(safeFileName(null, 'letter.pdf')).toBe('letter.pdf');
    expect(safeFileName(`${'x'.repeat(300)}.pdf`)).toBe(`${'x'.repeat(196)}.pdf`);
    expect(contentDisposition("it's (1).pdf", { inline: true })).toBe(`inline; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});
