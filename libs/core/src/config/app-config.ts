import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

export const DEV_JWT_SECRET = 'mla-hub-development-secret-do-not-use-in-production';

/**
 * Every setting of the service, read once from the environment and validated at boot
 * (DESIGN §10). A wrong value stops the boot with a message naming the variable.
 * Read it through this typed class, never through `process.env`.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mla_hub';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'mla';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(366 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  @IsString()
  @IsNotEmpty()
  DEADLINE_POLICY_PATH = 'config/deadline-policy.yaml';

  /** What each requested country requires of a request (DESIGN §4); validated at boot. */
  @IsString()
  @IsNotEmpty()
  COUNTRIES_PATH = 'config/countries.yaml';

  /** Each country's announced non-working and make-up working days (DESIGN §5); validated at boot. */
  @IsString()
  @IsNotEmpty()
  WORKING_CALENDARS_PATH = 'config/working-calendars.yaml';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DEMO_SEED must be true or false' })
  DEMO_SEED?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean({ message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN = true;

  /** Where files live: PostgreSQL large objects (every replica reads them), or this machine's disk (one machine only). */
  @IsIn(['postgres', 'filesystem'], { message: 'FILE_STORE must be postgres or filesystem' })
  FILE_STORE: 'postgres' | 'filesystem' = 'postgres';

  /** The directory of FILE_STORE=filesystem. */
  @IsString()
  @IsNotEmpty()
  EVIDENCE_STORAGE_DIR = 'var/evidence';

  /** The most one request's files (evidence, documents) may take in all. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  FILE_QUOTA_PER_REQUEST_BYTES = 5 * 1024 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;

  /** Appends every SQL statement to this file (benchmarks, debugging); off when empty. */
  @IsOptional()
  @IsString()
  SQL_TRACE_FILE?: string;

  /** Deadline jobs one worker process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  WORKER_CONCURRENCY = 8;

  /** Notification deliveries one worker process runs at once (mostly waiting on receivers). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  NOTIFICATIONS_CONCURRENCY = 32;

  /** How long a worker holds a job before another may take it over (BullMQ lockDuration). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  WORKER_LOCK_MS = 6_000;

  /** How often workers look for jobs whose worker died (BullMQ stalledInterval). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  WORKER_STALLED_INTERVAL_MS = 3_000;

  /** How often the reconciler sweeps the deadlines table (0: only at worker start). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILE_INTERVAL_MS = 60_000;

  /** The outbox relay's fallback poll when no NOTIFY arrives (it is woken by LISTEN/NOTIFY). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_POLL_MS = 5_000;

  /** How often the outbox reconciler looks for dispatched notifications never settled (0: only at worker start and when Redis returns). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  OUTBOX_RECONCILE_INTERVAL_MS = 60_000;

  /** How long after its dispatch an unsettled notification counts as stuck (its job is then put back). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  OUTBOX_STUCK_AFTER_MS = 60_000;

  /** Timeout of one webhook POST. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** Attempts of a webhook delivery before it is DEAD. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** First retry delay of a webhook delivery; doubles each attempt, with jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WEBHOOK_BACKOFF_MS = 2_000;

  /** The demo seed runs by default everywhere but production. */
  get demoSeed(): boolean {
    return this.DEMO_SEED ?? this.NODE_ENV !== 'production';
  }
  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigurationError extends Error {}

const KEYS = Object.keys(new AppConfig());

/** Validates the environment; throws a ConfigurationError naming every wrong variable. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of [...KEYS, 'DEMO_SEED', 'SQL_TRACE_FILE']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const lines = validateSync(config).map((e) => {
    const messages = Object.values(e.constraints ?? {}).join('; ');
    return `${e.property}=${JSON.stringify(raw[e.property] ?? null)}: ${messages}`;
  });
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
    lines.push('JWT_SECRET: required in production (set a secret of at least 32 characters)');
  }
  if (lines.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
