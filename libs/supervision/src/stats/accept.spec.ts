import { prefersCsv } from './accept';

describe('prefersCsv', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['text/csv', true],
    ['text/csv, application/json', false],
    ['text/csv, application/json;q=0.9', true],
    ['application/json;q=0.5, text/csv', true],
    ['text/*', true],
    ['text/csv;q=0', false],
    ['text/html, */*;q=0.8', false],
  ])('%s → %s', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});
