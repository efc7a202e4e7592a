import { ModulesContainer } from '@nestjs/core';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { createTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** The worker process loads no HTTP machinery, and consumes its queues through WorkerHost processors. */
describe('worker context (e2e)', () => {
  let t: TestApp;
  let w: TestWorker;

  beforeAll(async () => {
    t = await createTestApp();
    w = await startTestWorker(t);
  });
  afterAll(async () => {
    await w.close();
    await t.close();
  });

  it('has no controller, guard, interceptor, pipe or filter in any of its modules', () => {
    const modules = [...w.context.get(ModulesContainer).values()];
    expect(modules.length).toBeGreaterThan(5);
    const http = modules.flatMap((m) => [
      ...[...m.controllers.keys()].map((k) => `${m.name}: controller ${String((k as { name?: string }).name ?? k)}`),
      ...[...m.providers.keys()]
        .filter((k) => typeof k === 'string' && [APP_GUARD, APP_INTERCEPTOR, APP_PIPE, APP_FILTER].some((token) => k.startsWith(token)))
        .map((k) => `${m.name}: ${String(k)}`),
    ]);
    expect(http).toEqual([]);
  });

  it('consumes both queues with WorkerHost processors', () => {
    const processors = [...w.context.get(ModulesContainer).values()].flatMap((m) => [...m.providers.values()].map((p) => p.instance).filter((i) => i instanceof WorkerHost));
    expect(processors.map((p) => (p as WorkerHost).worker.name).sort()).toEqual(['deadlines', 'notifications']);
  });
});
