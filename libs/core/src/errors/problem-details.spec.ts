import { AppException } from './app-exception';
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

/** TypeORM's errors are classes whose `name` is their class name (TypeORMError): made here the same way. */
function typeormError(name: string, message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { value: name });
  return error;
}

/** A TypeORM QueryFailedError wrapping the driver's error with its SQLSTATE. */
const failed = (code: string, message: string) => Object.assign(typeormError('QueryFailedError', message), { code, driverError: Object.assign(new Error(message), { code }) });

describe('toProblem: a database outage (issue 22 item 8) is 503 SERVICE_UNAVAILABLE with Retry-After', () => {
  it.each<[string, unknown]>([
    ['08000 connection_exception', failed('08000', 'connection exception')],
    ['08003 connection_does_not_exist', failed('08003', 'connection does not exist')],
    ['08006 connection_failure', failed('08006', 'connection failure')],
    ['08001 sqlclient_unable_to_establish_sqlconnection', failed('08001', 'could not connect')],
    ['08004 sqlserver_rejected_establishment_of_sqlconnection', failed('08004', 'rejected')],
    ['08007 transaction_resolution_unknown', failed('08007', 'transaction resolution unknown')],
    ['08P01 protocol_violation', failed('08P01', 'protocol violation')],
    ['57P01 admin_shutdown', failed('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash_shutdown', failed('57P02', 'terminating connection because of crash of another server process')],
    ['57P03 cannot_connect_now', failed('57P03', 'the database system is shutting down')],
    ['57P03 as the driver raises it (no wrapper)', Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' })],
    ["TypeORM's QueryRunnerAlreadyReleasedError", typeormError('QueryRunnerAlreadyReleasedError', 'Query runner already released. Cannot run queries anymore.')],
    ["TypeORM's QueryRunnerProviderAlreadyReleasedError", typeormError('QueryRunnerProviderAlreadyReleasedError', 'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.')],
    ['a pool acquisition timeout (pg-pool)', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout (pg)', new Error('Connection terminated due to connection timeout')],
    ['the connection lost mid-query (pg)', new Error('Connection terminated unexpectedly')],
    ['a client broken by a connection error (pg)', new Error('Client has encountered a connection error and is not queryable')],
    ['a closed client (pg)', new Error('Client was closed and is not queryable')],
    ['the same wrapped by TypeORM', typeormError('QueryFailedError', 'Connection terminated unexpectedly')],
  ])('%s', (_name, error) => {
    const { problem } = toProblem(error);
    expect([problem.status, problem.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(problem.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('every 503, our own included (a session check with PostgreSQL down), names when to retry', () => {
    expect(toProblem(new AppException('SERVICE_UNAVAILABLE', 'sessions cannot be checked')).problem.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('a query error that is no outage stays what it is (a unique violation is no 503)', () => {
    expect(toProblem(failed('23505', 'duplicate key value violates unique constraint')).problem.status).toBe(500);
    expect(toProblem(failed('42601', 'syntax error')).problem.status).toBe(500);
  });
});
