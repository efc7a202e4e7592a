import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
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
import { tmpdir } from 'node:os';
import { DEV_WEBHOOK_SECRET_KEY, parseSecretKey } from '../crypto/secret-box';
import { IpNetwork, parseCidr } from '../net/ip-address';

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

/** Secrets published somewhere (this code, old compose files, examples): never accepted in production. */
const KNOWN_SECRETS = [DEV_JWT_SECRET, 'change-me-to-a-long-random-secret-of-32-chars-or-more', 'bench-secret-bench-secret-bench-secret-0'];
const PLACEHOLDER = /change[-_ ]?me|replace[-_ ]?me|your[-_ ]?(jwt[-_ ]?)?secret|do[-_ ]?not[-_ ]?use|example|default|password|development|mla[-_ ]?hub|^secret|jwt[-_]?secret/i;

/**
 * Why a JWT secret is unfit for production, or null: shorter than 32 characters, a
 * published one, a placeholder, or obviously guessable (few distinct characters, a short
 * unit repeated). Generate one with `openssl rand -base64 48`.
 */
export function weakSecretReason(secret: string): string | null {
  if (secret.length < 32 || Buffer.byteLength(secret, 'utf8') < 32) return 'is shorter than 32 characters';
  const lower = secret.toLowerCase();
  if (KNOWN_SECRETS.some((known) => lower.includes(known.toLowerCase()))) return 'is a published default';
  if (PLACEHOLDER.test(secret)) return 'looks like a placeholder';
  if (new Set(secret).size < 8) return 'has fewer than 8 distinct characters';
  // A short unit repeated over half the secret or more (random secrets never do that).
  for (const m of secret.matchAll(/(.{1,16}?)\1+/g)) if (m[0].length * 2 >= secret.length) return 'repeats a short sequence';
  return null;
}

/** TRUST_PROXY: false, true, a hop count, or addresses / CIDR ranges / loopback, linklocal, uniquelocal. */
@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxySetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return parseTrustProxy(value as string) !== undefined;
  }
  defaultMessage(): string {
    return 'TRUST_PROXY must be false, true, a hop count (1-10) or a comma-separated list of addresses, CIDR ranges, loopback, linklocal, uniquelocal';
  }
}

/** The Fastify `trustProxy` option for a TRUST_PROXY value; undefined when the value is not valid. */
export function parseTrustProxy(value: string): boolean | number | string | undefined {
  const v = String(value).trim().toLowerCase();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v) >= 1 && Number(v) <= 10 ? Number(v) : undefined;
  const parts = v.split(',').map((p) => p.trim());
  const ok = parts.every(
    (p) =>
      ['loopback', 'linklocal', 'uniquelocal'].includes(p) ||
      /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(p) ||
      /^[0-9a-f:]+(\/\d{1,3})?$/.test(p),
  );
  return ok && parts.length > 0 ? parts.join(',') : undefined;
}

/** ALLOWED_ORIGINS: comma-separated `scheme://host[:port]` origins. */
@ValidatorConstraint({ name: 'origins' })
class OriginList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseOrigins(value) !== null;
  }
  defaultMessage(): string {
    return 'ALLOWED_ORIGINS must be a comma-separated list of origins such as https://mla.example.org';
  }
}

export function parseOrigins(value: string): string[] | null {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const o of origins) {
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i.test(o)) return null;
  }
  return origins.map((o) => o.toLowerCase());
}

/**
 * WEBHOOK_ALLOWED_NETWORKS: comma-separated CIDR ranges (or single addresses) whose private
 * addresses webhooks may reach. Answers the networks, or the reasons of the entries refused.
 */
export function parseAllowedNetworks(value: string): IpNetwork[] | string[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const nets = entries.map((e) => parseCidr(e));
  const errors = nets.map((n, i) => (typeof n === 'string' ? n : n.prefix === 0 ? `${entries[i] ?? ''}: a /0 admits every address` : null)).filter((e) => e !== null);
  return errors.length > 0 ? errors : (nets as IpNetwork[]);
}

@ValidatorConstraint({ name: 'allowedNetworks' })
class AllowedNetworks implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseAllowedNetworks(value).every((n) => typeof n !== 'string');
  }
  defaultMessage(args?: { value?: unknown }): string {
    const errors = typeof args?.value === 'string' ? parseAllowedNetworks(args.value).filter((n) => typeof n === 'string') : [];
    return `WEBHOOK_ALLOWED_NETWORKS must be a comma-separated list of CIDR ranges such as 10.20.0.0/16,fd00::/8${errors.length > 0 ? ` (${errors.join('; ')})` : ''}`;
  }
}

/** WEBHOOK_ALLOWED_PORTS: comma-separated TCP ports (1-65535); null when an entry is not one. */
export function parsePorts(value: string): number[] | null {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (!entries.every((e) => /^\d{1,5}$/.test(e) && Number(e) >= 1 && Number(e) <= 65535)) return null;
  return [...new Set(entries.map(Number))];
}

@ValidatorConstraint({ name: 'ports' })
class PortList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parsePorts(value) !== null;
  }
  defaultMessage(): string {
    return 'WEBHOOK_ALLOWED_PORTS must be a comma-separated list of TCP ports (1-65535), e.g. 9443,10443';
  }
}

@ValidatorConstraint({ name: 'secretKey' })
class SecretKey implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseSecretKey(value) !== null;
  }
  defaultMessage(): string {
    return 'WEBHOOK_SECRET_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)';
  }
}

/**
 * Every setting of the service, read once from the environment and validated at boot
 * (DESIGN §10). A wrong value stops the boot with a message naming the variable.
 * Read it through this typed class, never through `process.env`.
 */
export class AppConfig {
  /** Required, never guessed (issue 22 item 5: unset, it once fell back to development and its published secret). */
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

  /** The `iss` of the tokens this API signs, checked on every call. */
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'JWT_ISSUER must be 1-100 visible ASCII characters' })
  JWT_ISSUER = 'mla-hub';

  /** The `aud` of the tokens this API signs, checked on every call. */
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'JWT_AUDIENCE must be 1-100 visible ASCII characters' })
  JWT_AUDIENCE = 'mla-hub-api';

  /**
   * How long one API replica may reuse a session check (ms); every change of a session or
   * its user clears it at once on every replica (Redis pub/sub). 0: check every call.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  SESSION_CACHE_MS = 10_000;

  /**
   * Which proxies' X-Forwarded-For / -Proto to believe for the client address (used by the
   * limits) and the protocol: false (the socket's peer), true (anyone: only behind a proxy
   * that overwrites the header), a hop count, or addresses / CIDR ranges / loopback.
   */
  @Validate(TrustProxySetting)
  TRUST_PROXY = 'false';

  /** Origins, besides the API's own, from which cookie-carried state changes are accepted (the console's, when served elsewhere). */
  @Validate(OriginList)
  ALLOWED_ORIGINS = '';

  /** The window of every login limit (s). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(24 * 3600)
  LOGIN_WINDOW_SECONDS = 15 * 60;

  /** Wrong passwords for one account from one client address within the window; the next attempt from there answers 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT_CLIENT = 10;

  /** Wrong passwords from one client address, over all accounts, within the window (an office behind one NAT shares it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_FAILURES_PER_CLIENT = 100;

  /** Wrong passwords for one account (from anywhere) after which clients that failed on it are slowed down. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_SLOWDOWN_AFTER = 20;

  /** The first pause (ms) between two attempts of such a client on that account; it doubles with each further failure. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  LOGIN_SLOWDOWN_MS = 1_000;

  /** The longest such pause (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  LOGIN_SLOWDOWN_MAX_MS = 60_000;

  /**
   * Wrong passwords with one device token (a client that signed in to the account before)
   * within the window; the token is then refused until the window ends (429). Such a client
   * meets none of the other login limits.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_DEVICE = 10;

  /** How long a device token lasts (days) after the sign-in that gave it; each sign-in gives a new one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  DEVICE_TOKEN_TTL_DAYS = 180;

  /** The window of the API-wide limits (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Calls per window of one signed-in user (0: no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_USER = 1_200;

  /** Calls per window of one client address without a valid session (0: no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_CLIENT = 3_000;

  /** How deeply a JSON body may nest arrays and objects; deeper answers 400. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(1000)
  BODY_MAX_DEPTH = 32;

  @IsString()
  @IsNotEmpty()
  DEADLINE_POLICY_PATH = 'config/deadline-policy.yaml';

  /** What each requested country requires of a request (DESIGN §4); validated at boot. */
  @IsString()
  @IsNotEmpty()
  COUNTRIES_PATH = 'config/countries.yaml';

  /** The directory of authorities (DESIGN §14): validated at boot, applied to the authorities by the API's boot. */
  @IsString()
  @IsNotEmpty()
  DIRECTORY_PATH = 'config/directory.yaml';

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

  // --- Letters: rendering and sealing (DESIGN §4, issue 21) ---

  /** Worker threads that render and seal letters (default: one less than the cores, at least 1). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  RENDER_THREADS?: number;

  /** The most one letter may take to render or seal, in milliseconds: past it the worker is ended and the action answers 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  RENDER_TIMEOUT_MS = 60_000;

  /**
   * The secret store of the sealing certificates (PKCS#12 and password, one file per
   * authority, encrypted with SEAL_SECRET_KEY): a directory outside the database, shared by
   * the API replicas, readable by the service's user only.
   */
  @IsString()
  @IsNotEmpty()
  SEAL_KEYS_DIR = 'var/seal-keys';

  /**
   * The key that encrypts the sealing certificates at rest (AES-256-GCM): 32 bytes as 64 hex
   * digits or base64 (`openssl rand -base64 32`). Unset: derived from JWT_SECRET (HKDF-SHA256),
   * so changing JWT_SECRET then makes the stored certificates unreadable; set it in production.
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'SEAL_SECRET_KEY must be 32 bytes: 64 hex digits or 44 characters of base64' })
  SEAL_SECRET_KEY?: string;

  // --- File transfers (issue 22 item 1): no client holds a connection or a worker hostage ---

  /** The bytes one user may upload per 24 hours (uploads under way included), over all requests. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  FILE_QUOTA_PER_USER_BYTES = 20 * 1024 * 1024 * 1024;

  /** Where uploads are spooled (hashed and checked) before a short transaction stores them. */
  @IsString()
  @IsNotEmpty()
  FILE_SPOOL_DIR = tmpdir();

  /** Connections of the pool that file transfers may use at once (the rest is left to every other call). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  FILE_DB_CONNECTIONS = 3;

  /** Uploads and downloads one user may have under way at once (beyond: 429 RATE_LIMITED). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  TRANSFERS_PER_USER = 4;

  /** A transfer slower than this over a window of TRANSFER_RATE_WINDOW_MS is cut (0: never). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRANSFER_MIN_BYTES_PER_SECOND = 8192;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  TRANSFER_RATE_WINDOW_MS = 20_000;

  /** A connection silent this long is closed (Fastify connectionTimeout: the socket's idle timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HTTP_IDLE_TIMEOUT_MS = 30_000;

  /** The longest a request may take to arrive, its body included (Fastify requestTimeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 30 * 60_000;

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

  /**
   * How often every process re-reads the working calendars admins set (it also does at each
   * change's NOTIFY); a change's deadlines are recomputed once more this long after it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CALENDAR_REFRESH_INTERVAL_MS = 60_000;

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

  /** Attempts of a federation message's delivery to its peer before it is DEAD (DESIGN §15). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  FEDERATION_MAX_ATTEMPTS = 12;

  /** First retry delay of a federation message; doubles each attempt, at most 6 hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  FEDERATION_BACKOFF_MS = 30_000;

  /** How often the worker looks for federation messages due (0: only at worker start and when woken). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  FEDERATION_DELIVERY_INTERVAL_MS = 5_000;

  /**
   * Whether the worker LISTENs for federation work committed (NOTIFY channels
   * `federation_outbox` and `federation_files`) and does it at once; the interval stays the
   * safety net. false: only at start and on the interval (in-process tests drive the passes).
   */
  @Transform(toBool)
  @IsBoolean({ message: 'FEDERATION_LISTEN must be true or false' })
  FEDERATION_LISTEN = true;

  /**
   * Private networks webhooks may reach (an on-premises deployment): comma-separated CIDR
   * ranges, e.g. `10.20.0.0/16,fd00::/8`. Empty: public addresses only (and loopback outside
   * production). Never admits the unspecified, multicast or broadcast addresses.
   */
  @Validate(AllowedNetworks)
  WEBHOOK_ALLOWED_NETWORKS = '';

  /**
   * The roles that must enrol a second factor (DESIGN §16) before anything else: a
   * comma-separated list of PROSECUTOR, OFFICER, SUPERVISOR, ADMIN, or `none`. Unset: every
   * role in production, none elsewhere (the demo logins stay one step).
   */
  @IsOptional()
  @Matches(/^\s*(none|(PROSECUTOR|OFFICER|SUPERVISOR|ADMIN)(\s*,\s*(PROSECUTOR|OFFICER|SUPERVISOR|ADMIN))*)\s*$/, {
    message: 'MFA_REQUIRED_ROLES must be none or a comma-separated list of PROSECUTOR, OFFICER, SUPERVISOR, ADMIN',
  })
  MFA_REQUIRED_ROLES?: string;

  /**
   * The key that seals TOTP secrets at rest (AES-256-GCM): 32 bytes as 64 hex digits or in
   * base64 (`openssl rand -base64 32`). Unset: derived from JWT_SECRET (HKDF-SHA256), so
   * changing JWT_SECRET then makes every enrolled TOTP unreadable; set it in production.
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'MFA_SECRET_KEY must be 32 bytes: 64 hex digits or 44 characters of base64' })
  MFA_SECRET_KEY?: string;

  /** How long a second factor given on a session covers the actions that need one (send, deliver_evidence, admin changes), in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(24 * 3600)
  MFA_STEP_UP_SECONDS = 600;

  /** The WebAuthn relying party id (the console's host name, e.g. mla.example.org). Unset: the host the request was sent to. */
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,253}$/, { message: 'WEBAUTHN_RP_ID must be a host name such as mla.example.org' })
  WEBAUTHN_RP_ID?: string;

  /**
   * Ports webhooks may use besides the default ones: in production only 443 and 8443 are
   * allowed without this list; outside production any port but the well-known database and
   * cache ports (5432, 6379, 3306, 27017, 9200, 11211, …), which this list admits again.
   */
  @Validate(PortList)
  WEBHOOK_ALLOWED_PORTS = '';

  /**
   * The key (32 bytes: 64 hex digits or base64) that encrypts webhook signing secrets at rest
   * (AES-256-GCM). The default is the published development key, refused in production. Set
   * it alike on the API and the worker; changing it makes stored secrets unreadable (set the
   * webhooks again).
   */
  @Validate(SecretKey)
  WEBHOOK_SECRET_KEY = DEV_WEBHOOK_SECRET_KEY;

  /**
   * This node's name in the federation (DESIGN §15): a DNS-style name such as `vn.mla.example`.
   * Unset: `NODE_URL`'s host, else `localhost`.
   */
  @IsOptional()
  @Matches(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, { message: 'NODE_ID must be a DNS-style name such as vn.mla.example (lower-case letters, digits, dots and hyphens)' })
  NODE_ID?: string;

  /**
   * The countries whose authorities are LOCAL on this node, ISO 3166-1 alpha-2, comma-separated
   * (e.g. `VN`). Unset: every seeded country, the single-node mode of DESIGN §10.
   */
  @IsOptional()
  @Matches(/^[A-Z]{2}(\s*,\s*[A-Z]{2})*$/, { message: 'NODE_COUNTRIES must be ISO 3166-1 alpha-2 codes separated by commas, e.g. VN or VN,LA' })
  NODE_COUNTRIES?: string;

  /** This node's public base URL (https; http only on loopback and outside production). Unset: http://HOST:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'NODE_URL must be an http(s) base URL without query or fragment, e.g. https://vn.mla.example' })
  NODE_URL?: string;

  /** The node's Ed25519 signing key (PKCS#8 PEM). Created there at first start outside production; never in the database. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  NODE_KEY_FILE?: string;

  /**
   * Retired public keys of this node, still listed in its well-known document while messages
   * and receipts signed with them may still be checked (DESIGN §15: rotation): a JWKS JSON file
   * `{ "keys": [...] }` of Ed25519 public keys. Optional.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  NODE_RETIRED_KEYS_FILE?: string;

  /** The demo seed runs by default everywhere but production. */
  get demoSeed(): boolean {
    return this.DEMO_SEED ?? this.NODE_ENV !== 'production';
  }
  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
  /** The Fastify trustProxy option. */
  get trustProxy(): boolean | number | string {
    return parseTrustProxy(this.TRUST_PROXY) ?? false;
  }
  /** WEBHOOK_ALLOWED_NETWORKS as networks. */
  get webhookAllowedNetworks(): IpNetwork[] {
    const nets = parseAllowedNetworks(this.WEBHOOK_ALLOWED_NETWORKS);
    return nets.every((n) => typeof n !== 'string') ? (nets as IpNetwork[]) : [];
  }
  /** The roles that must enrol a second factor (MFA_REQUIRED_ROLES; unset: every role in production, none elsewhere). */
  get mfaRequiredRoles(): string[] {
    const v = this.MFA_REQUIRED_ROLES?.trim();
    if (v === undefined) return this.isProduction ? ['PROSECUTOR', 'OFFICER', 'SUPERVISOR', 'ADMIN'] : [];
    return v === 'none' ? [] : v.split(',').map((r) => r.trim());
  }
  /** WEBHOOK_ALLOWED_PORTS as numbers. */
  get webhookAllowedPorts(): number[] {
    return parsePorts(this.WEBHOOK_ALLOWED_PORTS) ?? [];
  }
  /** WEBHOOK_SECRET_KEY as its 32 bytes. */
  get webhookSecretKey(): Buffer {
    return parseSecretKey(this.WEBHOOK_SECRET_KEY) ?? (parseSecretKey(DEV_WEBHOOK_SECRET_KEY) as Buffer);
  }
  /** NODE_COUNTRIES as a sorted list; null in the single-node mode (unset). */
  get nodeCountries(): string[] | null {
    const v = this.NODE_COUNTRIES?.trim();
    return v ? [...new Set(v.split(',').map((c) => c.trim()))].sort() : null;
  }
  /** This node's public base URL, without a trailing slash. */
  get nodeUrl(): string {
    return (this.NODE_URL ?? `http://${this.HOST}:${this.PORT}`).replace(/\/+$/, '');
  }
  /**
   * Where the node's signing key is: NODE_KEY_FILE; unset outside production,
   * `var/node-keys/<nodeId>.pem` (created at first start); unset in production, none.
   */
  get nodeKeyFile(): string | null {
    if (this.NODE_KEY_FILE) return this.NODE_KEY_FILE;
    return this.isProduction ? null : `var/node-keys/${this.nodeId}.pem`;
  }
  /** This node's name (NODE_ID, else NODE_URL's host name, else localhost). */
  get nodeId(): string {
    if (this.NODE_ID) return this.NODE_ID;
    return this.NODE_URL ? new URL(this.NODE_URL).hostname : 'localhost';
  }
  /** ALLOWED_ORIGINS as a list (lower-case). */
  get allowedOrigins(): string[] {
    return parseOrigins(this.ALLOWED_ORIGINS) ?? [];
  }
}

export class ConfigurationError extends Error {}

const KEYS = Object.keys(new AppConfig());

/** Validates the environment; throws a ConfigurationError naming every wrong variable. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of [...KEYS, 'DEMO_SEED', 'SQL_TRACE_FILE', 'MFA_REQUIRED_ROLES', 'MFA_SECRET_KEY', 'WEBAUTHN_RP_ID', 'RENDER_THREADS', 'SEAL_SECRET_KEY', 'NODE_ID', 'NODE_COUNTRIES', 'NODE_URL', 'NODE_KEY_FILE', 'NODE_RETIRED_KEYS_FILE']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const lines: string[] = [];
  if (raw.NODE_ENV === undefined) {
    lines.push('NODE_ENV: required: set it explicitly to development, test or production (the development mode trusts a published JWT secret)');
  }
  lines.push(...validateSync(config).map((e) => {
    const messages = Object.values(e.constraints ?? {}).join('; ');
    return `${e.property}=${JSON.stringify(raw[e.property] ?? null)}: ${messages}`;
  }));
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
    lines.push('JWT_SECRET: required in production (set a secret of at least 32 characters, e.g. openssl rand -base64 48)');
  } else if (config.isProduction && typeof config.JWT_SECRET === 'string') {
    const weak = weakSecretReason(config.JWT_SECRET);
    if (weak) lines.push(`JWT_SECRET: ${weak}; production needs a random secret of at least 32 characters (e.g. openssl rand -base64 48)`);
  }
  if (config.isProduction && parseSecretKey(config.WEBHOOK_SECRET_KEY)?.equals(parseSecretKey(DEV_WEBHOOK_SECRET_KEY) as Buffer)) {
    lines.push('WEBHOOK_SECRET_KEY: required in production (the default is the published development key): openssl rand -base64 32');
  } else if (config.isProduction && new Set(parseSecretKey(config.WEBHOOK_SECRET_KEY) ?? []).size < 8) {
    lines.push('WEBHOOK_SECRET_KEY: has fewer than 8 distinct bytes; production needs a random key (openssl rand -base64 32)');
  }
  if (config.NODE_URL?.startsWith('http://') && config.isProduction) {
    lines.push('NODE_URL: production needs https (http only on loopback and outside production)');
  } else if (config.NODE_URL?.startsWith('http://') && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(config.NODE_URL)) {
    lines.push('NODE_URL: http is allowed only on loopback (127.0.0.0/8, localhost, [::1]); use https');
  }
  if (config.isProduction && config.NODE_COUNTRIES && !config.NODE_KEY_FILE) {
    lines.push('NODE_KEY_FILE: required in production when NODE_COUNTRIES is set (the node signs its messages with it)');
  }
  if (lines.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
