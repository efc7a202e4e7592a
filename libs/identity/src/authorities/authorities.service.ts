import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditRepository } from '@mla/audit';
import { AppConfig, AppException, Clock, pgErrorCode, PG, sealSecret, TransactionRunner, WebhookTargetPolicy, WebhookTargetRefused } from '@mla/core';
import { auditEntry, authoritySnapshot, changedKeys } from '../audit/admin-audit';
import type { Principal } from '../principal';
import { AuthoritiesRepository } from './authorities.repository';
import { AuthorityDto, AuthorityWithSecretDto, CreateAuthorityDto, ListAuthoritiesQueryDto, UpdateAuthorityDto } from './authority.dto';
import type { AuthorityFields, AuthorityRow } from './authority.row';
import { localOutsideNode } from './node-countries';

/** Who sees an authority's webhook URL: admins, and the supervisors of that authority (DESIGN §12). */
export function maySeeWebhook(p: Pick<Principal, 'role' | 'authorityId'>, authorityId: string): boolean {
  return p.role === 'ADMIN' || (p.role === 'SUPERVISOR' && p.authorityId === authorityId);
}

/** An authority as answered; `showWebhook` false answers its webhookUrl as null. */
export function toAuthorityDto(a: AuthorityRow, showWebhook = true): AuthorityDto {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    country: a.country,
    kind: a.kind,
    timezone: a.timezone,
    language: a.language,
    reach: a.reach,
    names: { ...a.names },
    webhookUrl: showWebhook ? (a.webhookUrl ?? null) : null,
    address: a.address ?? null,
    email: a.email ?? null,
    languages: [...(a.languages ?? [])],
    channels: [...(a.channels ?? [])],
    source: a.source ?? null,
    lastVerified: a.lastVerified ?? null,
    retiredAt: a.retiredAt ? new Date(a.retiredAt).toISOString() : null,
  };
}

/** The fields `config/directory.yaml` also sets: an admin's change of one of them on a verified entry is a new verification (DESIGN §14). */
const DIRECTORY_FACTS = ['name', 'names', 'kind', 'timezone', 'language', 'address', 'email', 'languages', 'channels', 'source'] as const;

/** The day of an instant in UTC, `YYYY-MM-DD`. */
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** Names per language as stored: each trimmed. */
function trimmedNames(names: Record<string, string> | null | undefined): Record<string, string> | undefined {
  return names === undefined || names === null ? undefined : Object.fromEntries(Object.entries(names).map(([k, v]) => [k, v.trim()]));
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Authorities: listed to everyone (the webhook URL only to those who may see it), created
 * and changed by an ADMIN, each change in one transaction with its audit row (DESIGN §2).
 * A webhook URL is checked against the target policy (DESIGN §12) before it is stored.
 */
@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly authorities: AuthoritiesRepository,
    private readonly audit: AuditRepository,
    private readonly targets: WebhookTargetPolicy,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The secret as stored: sealed with WEBHOOK_SECRET_KEY (AES-256-GCM), never in plain text (issue 22 item 7). */
  private sealed(secret: string | null): string | null {
    return secret === null ? null : sealSecret(this.config.webhookSecretKey, secret);
  }

  /** On a node (NODE_COUNTRIES, DESIGN §15), only its own countries' authorities are LOCAL. */
  private assertMayBeLocal(country: string): void {
    const why = localOutsideNode(country, this.config.nodeCountries);
    if (why) throw AppException.rule(`An authority of ${country} ${why}`, [{ field: 'reach', message: why, rule: 'nodeCountries' }]);
  }

  async list(caller: Principal, query: ListAuthoritiesQueryDto): Promise<AuthorityDto[]> {
    return (await this.authorities.list(query)).map((a) => toAuthorityDto(a, maySeeWebhook(caller, a.id)));
  }

  async create(admin: Principal, dto: CreateAuthorityDto): Promise<AuthorityWithSecretDto> {
    if ((dto.reach ?? 'LOCAL') === 'LOCAL') this.assertMayBeLocal(dto.country);
    const webhookUrl = dto.webhookUrl ? await this.checkedWebhookUrl(dto.webhookUrl) : null;
    const secret = webhookUrl ? newWebhookSecret() : null;
    const now = this.clock.now();
    const lastVerified = this.verifiedOn(dto.lastVerified, now, [dto.address, dto.email, dto.channels, dto.source, dto.languages].some((v) => v !== undefined && v !== null));
    try {
      const saved = await this.tx.run(async (m) => {
        const language = dto.language.split('-')[0] ?? dto.language;
        const names = trimmedNames(dto.names) ?? { [language]: dto.name };
        const row = await this.authorities.insert(m, {
          code: dto.code, name: dto.name, country: dto.country, kind: dto.kind, timezone: dto.timezone, language: dto.language,
          reach: dto.reach ?? 'LOCAL', names, webhookUrl, webhookSecret: this.sealed(secret),
          address: dto.address ?? null, email: dto.email ?? null, languages: dto.languages ?? [language], channels: dto.channels ?? [],
          source: dto.source ?? null, lastVerified, retiredAt: null,
        });
        const after = authoritySnapshot(row);
        const changes = [...Object.keys(after).filter((k) => after[k] !== null && !(Array.isArray(after[k]) && (after[k] as unknown[]).length === 0)), ...(secret ? ['webhookSecret'] : [])];
        const entry = auditEntry(admin, { action: 'authority.created', targetType: 'AUTHORITY', targetId: row.id, changes, before: null, after, countries: [row.country] });
        await this.audit.record(m, entry, [], now);
        return row;
      });
      return { ...toAuthorityDto(saved), ...(secret ? { webhookSecret: secret } : {}) };
    } catch (error) {
      if (pgErrorCode(error) === PG.UNIQUE_VIOLATION) {
        throw new AppException('CONFLICT', `An authority with code ${dto.code} already exists`, [{ field: 'code', message: 'is taken' }]);
      }
      throw error;
    }
  }

  async update(admin: Principal, id: string, dto: UpdateAuthorityDto): Promise<AuthorityWithSecretDto> {
    if (!(await this.authorities.findById(id))) throw AppException.notFound('Authority');
    const changes: Partial<AuthorityFields> = {
      name: dto.name, kind: dto.kind, timezone: dto.timezone, language: dto.language, reach: dto.reach, names: trimmedNames(dto.names),
      address: dto.address, email: dto.email, languages: dto.languages, channels: dto.channels, source: dto.source,
    };
    let secret: string | undefined;
    if (dto.webhookUrl !== undefined) {
      changes.webhookUrl = dto.webhookUrl === null ? null : await this.checkedWebhookUrl(dto.webhookUrl);
      secret = dto.webhookUrl === null ? undefined : newWebhookSecret();
      changes.webhookSecret = this.sealed(secret ?? null);
    }
    const now = this.clock.now();
    const updated = await this.tx.run(async (m) => {
      const before = await this.authorities.lock(m, id);
      if (!before) throw AppException.notFound('Authority');
      if (dto.reach === 'LOCAL') this.assertMayBeLocal(before.country);
      if (dto.retired !== undefined && dto.retired !== (before.retiredAt !== null)) changes.retiredAt = dto.retired ? now : null;
      // A verified entry's fact changed by an admin is a new verification: the directory file,
      // verified earlier, no longer overwrites it (applyDirectory).
      const factChanged = DIRECTORY_FACTS.some((k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(before[k]));
      const verified = this.verifiedOn(dto.lastVerified, now, factChanged && (before.lastVerified !== null || changes.source !== undefined));
      if (verified !== null) changes.lastVerified = verified;
      const row = (await this.authorities.update(m, id, changes, now)) as AuthorityRow;
      const [was, is] = [authoritySnapshot(before), authoritySnapshot(row)];
      const changed = [...changedKeys(was, is), ...(secret ? ['webhookSecret'] : [])];
      if (changed.length > 0) {
        const entry = auditEntry(admin, { action: 'authority.updated', targetType: 'AUTHORITY', targetId: id, changes: changed, before: was, after: is, countries: [row.country] });
        await this.audit.record(m, entry, [], now);
      }
      return row;
    });
    return { ...toAuthorityDto(updated), ...(secret ? { webhookSecret: secret } : {}) };
  }

  /** The day given (422 when in the future), today when a directory fact is set without one, null otherwise. */
  private verifiedOn(given: string | undefined, now: Date, factGiven: boolean): string | null {
    if (given !== undefined) {
      if (Number.isNaN(Date.parse(`${given}T00:00:00Z`)) || new Date(`${given}T00:00:00Z`).toISOString().slice(0, 10) !== given) {
        throw AppException.rule(`lastVerified ${given} is not a day`, [{ field: 'lastVerified', message: 'is not a day' }]);
      }
      if (given > dayOf(now)) throw AppException.rule(`lastVerified ${given} is in the future`, [{ field: 'lastVerified', message: 'is in the future' }]);
      return given;
    }
    return factGiven ? dayOf(now) : null;
  }

  /**
   * The URL as it will be delivered to (WHATWG-normalised), once the target policy admits it
   * and every address its host resolves to now: 422 naming webhookUrl otherwise, 503 when DNS
   * fails for a reason that may pass.
   */
  private async checkedWebhookUrl(url: string): Promise<string> {
    try {
      return (await this.targets.check(url)).url.href;
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      if (error.temporary) throw new AppException('SERVICE_UNAVAILABLE', `webhookUrl could not be checked now: ${error.reason}; try again`);
      throw AppException.rule(`webhookUrl is not an allowed webhook target: ${error.reason}`, [{ field: 'webhookUrl', message: error.reason }]);
    }
  }
}
