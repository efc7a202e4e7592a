import { describe, expect, it } from 'vitest';
import { recoveryCodesFile } from './RecoveryCodes';
import { qrDataUrl } from './TotpEnrolment';

describe('enrolment helpers', () => {
  it('draws the otpauth URI as an SVG data URL, here in the page (no remote service)', async () => {
    const url = await qrDataUrl('otpauth://totp/MLA%20Hub:a%40b.c?secret=JBSWY3DPEHPK3PXP&issuer=MLA%20Hub');
    expect(url).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    const svg = decodeURIComponent(url.split(',')[1] as string);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('writes the recovery codes one a line, named for the account', () => {
    const text = recoveryCodesFile(['AAAA-BBBB-CCCC-DDDD', 'EEEE-FFFF-GGGG-HHHH'], 'a@b.c');
    expect(text.split('\n')).toEqual(['MLA Hub recovery codes for a@b.c', 'Each code works once.', '', 'AAAA-BBBB-CCCC-DDDD', 'EEEE-FFFF-GGGG-HHHH', '']);
  });
});
