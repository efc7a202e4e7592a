import { DataSource } from 'typeorm';
import { reserveLetterNumber } from '@mla/requests';
import { createTestApp, TestApp } from '../support/test-app';
import { authorityId, completeDraft, createDraft, loginAll } from '../support/fixtures';

/** The register of outgoing letters (Decree 30/2020/NĐ-CP: numbers per issuing authority and year). */
describe('letter register (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let hcm: string;
  let central: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    hcm = await authorityId(t, 'VN-HCM-PROS');
    central = await authorityId(t, 'VN-CA');
  });
  afterAll(() => t.close());

  it('numbers from 1 per authority and year, each number once, with the authority’s symbol', async () => {
    const a = await reserveLetterNumber(db, hcm, 2031);
    const b = await reserveLetterNumber(db, hcm, 2031);
    const otherYear = await reserveLetterNumber(db, hcm, 2032);
    const otherAuthority = await reserveLetterNumber(db, central, 2031);
    expect([a, b]).toEqual([
      { number: 1, symbol: 'VKSHCM-HTQT', year: 2031 },
      { number: 2, symbol: 'VKSHCM-HTQT', year: 2031 },
    ]);
    expect(otherYear).toEqual({ number: 1, symbol: 'VKSHCM-HTQT', year: 2032 });
    expect(otherAuthority).toEqual({ number: 1, symbol: 'VKSTC-HTQT', year: 2031 });
  });

  it('gives concurrent reservations distinct numbers, with no gap', async () => {
    const numbers = await Promise.all(Array.from({ length: 12 }, () => reserveLetterNumber(db, hcm, 2033)));
    expect(numbers.map((n) => n.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('keeps a request’s number: asked again (a send tried again), even concurrently, it answers the same number', async () => {
    const as = await loginAll(t);
    const sg = await authorityId(t, 'SG-CA');
    const first = await createDraft(t, as.vnProsecutor, completeDraft(sg));
    const second = await createDraft(t, as.vnProsecutor, completeDraft(sg));
    const same = await Promise.all(Array.from({ length: 4 }, () => reserveLetterNumber(db, hcm, 2034, first.id)));
    expect(new Set(same.map((n) => n.number))).toEqual(new Set([1]));
    expect(await reserveLetterNumber(db.manager, hcm, 2034, second.id)).toMatchObject({ number: 2 });
    expect(await t.sql(`SELECT request_id, number FROM letter_numbers WHERE year = 2034 ORDER BY number`)).toEqual([
      { request_id: first.id, number: 1 },
      { request_id: second.id, number: 2 },
    ]);
  });

  it('refuses an authority that does not exist (the register references it)', async () => {
    await expect(reserveLetterNumber(db, '00000000-0000-4000-8000-000000000000', 2031)).rejects.toThrow(/foreign key/);
  });
});
