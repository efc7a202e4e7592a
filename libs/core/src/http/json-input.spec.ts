import { firstInputProblem, jsonNestingExceeds } from './json-input';

describe('the checks on client JSON (issue 10)', () => {
  it('measures nesting on the text, strings and escapes aside', () => {
    expect(jsonNestingExceeds('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestingExceeds(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 32)).toBe(true);
  });

  it('walks any depth without recursion, naming the first problem', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(firstInputProblem({ a: deep }, 1_000_000)).toBeNull();
    expect(firstInputProblem({ a: deep }, 32)).toEqual({ field: expect.stringMatching(/^a(\[0\])+$/), message: 'nests deeper than 32 levels' });
    expect(firstInputProblem({ title: 'a\u0000b' }, 32)).toEqual({ field: 'title', message: expect.stringMatching(/NUL/) });
    expect(firstInputProblem({ list: ['ok', '\ud800'] }, 32)).toEqual({ field: 'list[1]', message: expect.stringMatching(/surrogate/) });
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'prototype']) {
      const value = JSON.parse(`{"offence":{"${name}":1}}`) as unknown;
      expect(firstInputProblem(value, 32)).toEqual({ field: `offence.${name}`, message: 'is not a known field' });
    }
    expect(firstInputProblem({ note: 'constructor toString' }, 32)).toBeNull();
  });
});
