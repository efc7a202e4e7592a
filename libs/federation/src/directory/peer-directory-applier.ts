import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '@mla/audit';
import { AppException } from '@mla/core';
import { AuthoritiesRepository, type AuthorityFields } from '@mla/identity';
import type { Principal } from '@mla/identity';
import type { DirectoryEntry, PeerDirectory } from './directory-entry';
import { DirectoryRepository } from './directory.repository';

/** What applying a peer's directory did, by code. */
export interface PeerDirectoryApplied {
  /** Authorities new to this node, created PEER. */
  created: string[];
  /** OFFLINE authorities that became PEER (same id: their requests and history stay). */
  joined: string[];
  /** PEER authorities whose facts were refreshed. */
  updated: string[];
}

/**
 * Keeps a peer's directory as PEER authorities (DESIGN §15), in the caller's transaction:
 * matched by code, an existing OFFLINE or PEER authority of the same country takes the
 * entry's facts and becomes PEER, keeping its id (its requests and their history untouched);
 * a new code is created PEER. A code held here by a LOCAL authority or by one of another
 * country refuses the whole directory (422, nothing changed). Audited (`peer.directory_read`).
 */
@Injectable()
export class PeerDirectoryApplier {
  constructor(
    private readonly authorities: AuthoritiesRepository,
    private readonly audit: AuditRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async apply(m: EntityManager, admin: Principal, peer: { id: string; nodeId: string }, directory: PeerDirectory, ownCountries: readonly string[], now: Date): Promise<PeerDirectoryApplied> {
    const done: PeerDirectoryApplied = { created: [], joined: [], updated: [] };
    await this.directory.lockDirectory(m);
    for (const e of directory.authorities) {
      const row = await this.authorities.lockByCode(m, e.code);
      if (!row) {
        await this.authorities.insert(m, { ...factsOf(e, peer.nodeId, now), code: e.code, country: e.country, reach: 'PEER', webhookUrl: null, webhookSecret: null, retiredAt: null });
        done.created.push(e.code);
        continue;
      }
      if (row.reach === 'LOCAL' || row.country !== e.country) {
        const why = row.reach === 'LOCAL' ? 'a LOCAL authority of this node' : `an authority of ${row.country}`;
        throw AppException.rule(`The directory of ${peer.nodeId} is refused, nothing was changed: its code ${e.code} is ${why}`, [{ field: 'directory.authorities.code', message: `${e.code} is ${why}` }]);
      }
      await this.authorities.update(m, row.id, { ...factsOf(e, peer.nodeId, now), reach: 'PEER' }, now);
      (row.reach === 'OFFLINE' ? done.joined : done.updated).push(e.code);
    }
    await this.audit.record(m, {
      id: randomUUID(), actorUserId: admin.userId, actorEmail: admin.email, action: 'peer.directory_read', targetType: 'PEER', targetId: peer.id,
      changes: ['authorities'], before: null,
      after: { nodeId: peer.nodeId, issuedAt: directory.issuedAt, authorities: directory.authorities.length, created: done.created, joined: done.joined, updated: done.updated },
      countries: [...new Set([...ownCountries, ...directory.countries])].sort(),
    }, [], now);
    return done;
  }
}

/** The facts an entry sets on its authority; the source names the peer and the day it was read. */
function factsOf(e: DirectoryEntry, nodeId: string, now: Date): Omit<AuthorityFields, 'code' | 'country' | 'reach' | 'webhookUrl' | 'webhookSecret' | 'retiredAt'> {
  return {
    name: e.names.en ?? Object.values(e.names)[0] ?? e.code,
    names: { ...e.names },
    kind: e.kind,
    timezone: e.timezone,
    language: e.languages[0] ?? 'en',
    languages: [...e.languages],
    address: e.address,
    email: e.email,
    channels: [...e.channels],
    source: `The signed directory of the peer node ${nodeId}`,
    lastVerified: now.toISOString().slice(0, 10),
  };
}
