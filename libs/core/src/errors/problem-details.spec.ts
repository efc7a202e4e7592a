import { toProblem } from './problem-details';

describe('toProblem: what is worth a retry answers 503, never 500', () => {
  it.each<[string, unknown]>([
    ['Redis retries spent (ioredis)', Object.assign(new Error('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' })],
    ['Redis connection closed', new Error('Connection is closed.')],
    ['Redis refusing connections', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' })],
    ['a disk full under the file store', Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })],
    ['PostgreSQL out of disk', Object.assign(new Error('could not extend file'), { code: '53100' })],
    ['PostgreSQL saturated', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['PostgreSQL shutting down', { driverError: { code: '57P01' }, message: 'terminating connection due to administrator command' }],
  ])('%s', (_name, error) => {
    const { problem } = toProblem(error);
    expect([problem.status, problem.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
  });

  it('anything else unexpected is a 500 with a generic text', () => {
    const { problem, unexpected } = toProblem(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect([problem.status, problem.code, unexpected]).toEqual([500, 'INTERNAL_ERROR', true]);
    expect(problem.detail).not.toMatch(/undefined/);
  });
});
