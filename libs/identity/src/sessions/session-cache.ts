import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { AppConfig, createRedis, REDIS, RedisKeys } from '@mla/core';
import type { SessionState } from './session.row';

const MAX_ENTRIES = 50_000;

interface Entry {
  state: SessionState;
  storedAt: number;
}

/** One invalidation, as published to every replica. */
interface Invalidation {
  /** Every session of this user. */
  u?: string;
  /** This session. */
  s?: string;
}

/**
 * A short per-replica memory of session checks (SESSION_CACHE_MS), so that a busy user
 * costs one database read per few seconds rather than one per call, and never a stale
 * answer:
 *  - every change of a session or its user (sign-out, deactivation, role, authority,
 *    password) drops the entries at once here and, through Redis pub/sub on
 *    `<QUEUE_PREFIX>:sessions:invalidate`, on every other API replica;
 *  - the memory is trusted only while this replica's subscriber is connected and
 *    subscribed: while it is not (Redis down, a reconnect, when invalidations may be
 *    missed), every call reads the database, and the memory is emptied whenever the
 *    subscriber's state changes;
 *  - a read that was under way when an invalidation arrived is not kept (an epoch
 *    counter), so a check that raced with a change cannot be remembered.
 */
@Injectable()
export class SessionCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Moves with every invalidation and every change of the subscriber's state. */
  private epoch = 0;
  private listening = false;
  private subscriber?: Redis;
  private readonly ttlMs: number;
  private listeningWaiters: (() => void)[] = [];
  private invalidationWaiters: (() => void)[] = [];
  readonly channel: string;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    keys: RedisKeys,
  ) {
    this.ttlMs = config.SESSION_CACHE_MS;
    this.channel = keys.key('sessions', 'invalidate');
  }

  onModuleInit(): void {
    if (this.ttlMs === 0) return;
    const subscriber = createRedis(this.config.REDIS_URL, 'mla-hub-sessions');
    this.subscriber = subscriber;
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => this.setListening(true),
        (error: unknown) => this.logger.warn(`session invalidations: subscribe failed: ${String(error)}`),
      );
    });
    for (const event of ['close', 'end', 'reconnecting']) subscriber.on(event, () => this.setListening(false));
    subscriber.on('error', () => undefined); // reported by 'close'; ioredis reconnects by itself
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.apply(message);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.setListening(false);
    this.subscriber?.disconnect();
  }

  /** Whether remembered checks are used now (the subscriber is listening). */
  get trusted(): boolean {
    return this.ttlMs > 0 && this.listening;
  }

  /** Resolves once the subscriber listens (at once if it does): for tests and readiness. */
  whenListening(): Promise<void> {
    if (this.trusted || this.ttlMs === 0) return Promise.resolve();
    return new Promise((resolve) => this.listeningWaiters.push(resolve));
  }

  /** Resolves when the next invalidation published by any replica has been applied here. */
  nextInvalidation(): Promise<void> {
    return new Promise((resolve) => this.invalidationWaiters.push(resolve));
  }

  /** Stops listening (as a lost Redis connection would): the memory is bypassed from now on. */
  disconnectSubscriber(): void {
    this.subscriber?.disconnect();
    this.setListening(false);
  }

  /** The session's state: remembered, or read with `load` (and remembered when nothing changed meanwhile). */
  async get(sessionId: string, load: () => Promise<SessionState | null>): Promise<SessionState | null> {
    if (!this.trusted) return load();
    const hit = this.entries.get(sessionId);
    if (hit && performance.now() - hit.storedAt < this.ttlMs) return hit.state;
    const before = this.epoch;
    const state = await load();
    if (state && this.epoch === before && this.trusted) this.store(state);
    return state;
  }

  /** Forgets every session of the user here and on every replica. */
  invalidateUser(userId: string): Promise<void> {
    this.dropUser(userId);
    return this.publish({ u: userId });
  }

  /** Forgets one session here and on every replica. */
  invalidateSession(sessionId: string): Promise<void> {
    this.dropSession(sessionId);
    return this.publish({ s: sessionId });
  }

  private async publish(message: Invalidation): Promise<void> {
    if (this.ttlMs === 0) return;
    try {
      await this.redis.publish(this.channel, JSON.stringify(message));
    } catch (error) {
      // Redis is down: the other replicas' subscribers are disconnected too, so they read the database.
      this.logger.warn(`session invalidation not published (Redis): ${String(error)}`);
    }
  }

  private apply(message: string): void {
    let m: Invalidation;
    try {
      m = JSON.parse(message) as Invalidation;
    } catch {
      this.flush();
      return;
    }
    if (typeof m.u === 'string') this.dropUser(m.u);
    else if (typeof m.s === 'string') this.dropSession(m.s);
    else this.flush();
    const waiters = this.invalidationWaiters;
    this.invalidationWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private setListening(listening: boolean): void {
    if (this.listening !== listening) this.logger.log(`session cache ${listening ? 'in use (invalidations received)' : 'bypassed (no invalidations)'}`);
    this.listening = listening;
    this.flush();
    if (listening) {
      const waiters = this.listeningWaiters;
      this.listeningWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private flush(): void {
    this.epoch++;
    this.entries.clear();
    this.byUser.clear();
  }

  private store(state: SessionState): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.dropSession(oldest, false);
    }
    this.entries.set(state.id, { state, storedAt: performance.now() });
    let sessions = this.byUser.get(state.userId);
    if (!sessions) this.byUser.set(state.userId, (sessions = new Set()));
    sessions.add(state.id);
  }

  private dropSession(sessionId: string, bump = true): void {
    if (bump) this.epoch++;
    const entry = this.entries.get(sessionId);
    this.entries.delete(sessionId);
    if (entry) this.byUser.get(entry.state.userId)?.delete(sessionId);
  }

  private dropUser(userId: string): void {
    this.epoch++;
    for (const id of this.byUser.get(userId) ?? []) this.entries.delete(id);
    this.byUser.delete(userId);
  }
}
