import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock, QUEUES } from '@mla/core';
import { REQUEST_STATES } from '@mla/domain';
import { OVERDUE_BY_LEVEL_SQL, REQUESTS_BY_STATE_SQL } from './metrics.sql';

/** Scrape-time database reads are reused this long (a scrape every few seconds costs one read). */
export const METRICS_CACHE_MS = 5000;
/** A queue that does not answer in this time is left out of the scrape instead of hanging it. */
const QUEUE_TIMEOUT_MS = 1000;
const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/**
 * Prometheus metrics of the API (`GET /metrics`): requests by state and overdue deadlines
 * by escalation level (database reads at scrape time, cached a few seconds), the BullMQ
 * queues' depths, HTTP request durations by method, route pattern and status, and the
 * process's default metrics. One registry per application, never the global one.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly cache = new Map<string, Cached<unknown>>();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
    @InjectQueue(QUEUES.deadlines) private readonly deadlinesQueue: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notificationsQueue: Queue,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'mla_http_request_duration_seconds',
      help: 'HTTP requests served, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const requests = new Gauge({
      name: 'mla_requests',
      help: 'Requests (not deleted) by current state',
      labelNames: ['state'],
      registers: [this.registry],
      collect: async () => {
        requests.reset();
        const rows = await this.cached('requests', () => this.requestsByState());
        if (!rows) return;
        const counts = new Map(rows.map((r) => [r.state, r.n]));
        for (const state of REQUEST_STATES) requests.set({ state }, counts.get(state) ?? 0);
      },
    });
    const overdue = new Gauge({
      name: 'mla_overdue_deadlines',
      help: 'Unmet deadlines past due, by escalation level (at least 1 once past due)',
      labelNames: ['level'],
      registers: [this.registry],
      collect: async () => {
        overdue.reset();
        const rows = await this.cached('overdue', () => this.overdueByLevel());
        if (!rows) return;
        const counts = new Map(rows.map((r) => [r.level, r.n]));
        for (const level of [1, 2]) overdue.set({ level: String(level) }, counts.get(level) ?? 0);
      },
    });
    const queues = new Gauge({
      name: 'mla_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async () => {
        queues.reset();
        for (const queue of [this.deadlinesQueue, this.notificationsQueue]) {
          const counts = await this.jobCounts(queue);
          if (!counts) continue;
          for (const state of JOB_STATES) queues.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /** Times every HTTP answer: Fastify's onResponse, with the route pattern (never the raw URL). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      this.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** A read shared by the scrapes of the next few seconds; a failure is logged and leaves its metric out. */
  private async cached<T>(key: string, read: () => Promise<T>): Promise<T | null> {
    const now = performance.now();
    let entry = this.cache.get(key) as Cached<T> | undefined;
    if (!entry || now - entry.at > METRICS_CACHE_MS) {
      entry = { at: now, value: read() };
      this.cache.set(key, entry);
    }
    try {
      return await entry.value;
    } catch (error) {
      this.cache.delete(key);
      this.logger.warn(`metric ${key} left out: ${(error as Error).message}`);
      return null;
    }
  }

  private requestsByState(): Promise<{ state: string; n: number }[]> {
    return this.dataSource.query(REQUESTS_BY_STATE_SQL);
  }

  private overdueByLevel(): Promise<{ level: number; n: number }[]> {
    return this.dataSource.query(OVERDUE_BY_LEVEL_SQL, [this.clock.now()]);
  }

  private async jobCounts(queue: Queue): Promise<Record<string, number> | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        queue.getJobCounts(...JOB_STATES),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${QUEUE_TIMEOUT_MS} ms`)), QUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn(`queue ${queue.name} left out: ${(error as Error).message}`);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
