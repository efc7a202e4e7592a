import { Injectable } from '@nestjs/common';
import type { DirectoryChannel } from '@mla/domain';
import { TransactionRunner } from '@mla/core';
import { AuthoritiesRepository } from './authorities.repository';
import type { AuthorityFields, AuthorityKind } from './authority.row';

/** One entry of the directory file, as the countries lib loads it (DESIGN §14). */
export interface DirectoryEntryInput {
  code: string;
  country: string;
  kind: AuthorityKind;
  names: Readonly<Record<string, string>>;
  timezone: string;
  languages: readonly string[];
  address?: string;
  email?: string;
  channels: readonly DirectoryChannel[];
  source: string;
  lastVerified: string;
}

/** What applying the directory did, by code. */
export interface DirectoryApplied {
  /** New OFFLINE authorities. */
  created: string[];
  /** Existing non-LOCAL authorities whose facts the file, verified later, replaced. */
  updated: string[];
  /** LOCAL authorities, never touched (their people sign in here). */
  local: string[];
  /** Authorities verified on or after the file's day (an admin's later edit): left as they are. */
  kept: string[];
  /** Entries whose code is taken by an authority of another country: left alone, to be resolved by an admin. */
  conflicts: string[];
}

/**
 * Applies `config/directory.yaml` to the authorities at boot (DESIGN §14), in one transaction
 * under an advisory lock (replicas booting together apply it once). The rule:
 * - an entry with no authority of its code becomes an OFFLINE authority;
 * - a LOCAL authority is never touched (never demoted, never rewritten);
 * - any other authority takes the entry's facts only when the entry's `lastVerified` is later
 *   than the authority's: an admin's edit sets the authority's `lastVerified` to the day of the
 *   edit, so the file overwrites it only once someone has verified the entry again, later;
 * - reach, country, webhook and retirement are never changed by the file.
 */
@Injectable()
export class DirectoryApplier {
  constructor(
    private readonly authorities: AuthoritiesRepository,
    private readonly tx: TransactionRunner,
  ) {}

  apply(entries: readonly DirectoryEntryInput[], now: Date): Promise<DirectoryApplied> {
    const done: DirectoryApplied = { created: [], updated: [], local: [], kept: [], conflicts: [] };
    return this.tx.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('mla-hub:directory'))`);
      for (const e of entries) {
        const row = await this.authorities.lockByCode(m, e.code);
        const facts = factsOf(e);
        if (!row) {
          await this.authorities.insert(m, { ...facts, code: e.code, country: e.country, reach: 'OFFLINE', webhookUrl: null, webhookSecret: null, retiredAt: null });
          done.created.push(e.code);
        } else if (row.reach === 'LOCAL') {
          done.local.push(e.code);
        } else if (row.country !== e.country) {
          done.conflicts.push(e.code);
        } else if (row.lastVerified !== null && row.lastVerified >= e.lastVerified) {
          done.kept.push(e.code);
        } else {
          await this.authorities.update(m, row.id, facts, now);
          done.updated.push(e.code);
        }
      }
      return done;
    });
  }
}

/** The facts an entry sets on its authority. */
function factsOf(e: DirectoryEntryInput): Omit<AuthorityFields, 'code' | 'country' | 'reach' | 'webhookUrl' | 'webhookSecret' | 'retiredAt'> {
  return {
    name: e.names.en ?? Object.values(e.names)[0] ?? e.code,
    names: { ...e.names },
    kind: e.kind,
    timezone: e.timezone,
    language: e.languages[0] ?? 'en',
    languages: [...e.languages],
    address: e.address ?? null,
    email: e.email ?? null,
    channels: [...e.channels],
    source: e.source,
    lastVerified: e.lastVerified,
  };
}
