import { AppException } from '../errors/app-exception';

/**
 * Awaits a queue (Redis) operation for at most `ms`: Redis down or slow answers 503
 * SERVICE_UNAVAILABLE, never a hang or a 500. ioredis would otherwise keep the command in
 * its offline queue until Redis returns.
 */
export async function withinQueueTimeout<T>(work: Promise<T>, ms = 2000, what = 'The queue (Redis)'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppException('SERVICE_UNAVAILABLE', `${what} did not answer within ${ms} ms; retry shortly`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } catch (error) {
    if (error instanceof AppException) throw error;
    throw new AppException('SERVICE_UNAVAILABLE', `${what} is unavailable; retry shortly`);
  } finally {
    clearTimeout(timer);
  }
}
