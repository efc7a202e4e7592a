import { authorityNameIn } from './authority-names';

describe('authorityNameIn', () => {
  const spp = { name: "Supreme People's Procuracy of Viet Nam (central authority)", names: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" } };

  it('answers the name in the language asked, a regional tag by its language', () => {
    expect(authorityNameIn(spp, 'vi')).toBe('Viện kiểm sát nhân dân tối cao');
    expect(authorityNameIn(spp, 'en-SG')).toBe("Supreme People's Procuracy of Viet Nam");
  });

  it('falls back to the English name, then to the registered name', () => {
    expect(authorityNameIn(spp, 'th')).toBe("Supreme People's Procuracy of Viet Nam");
    expect(authorityNameIn({ name: 'Registered', names: { vi: 'Tên' } }, 'th')).toBe('Registered');
    expect(authorityNameIn({ name: 'Registered', names: null }, 'vi')).toBe('Registered');
  });
});
