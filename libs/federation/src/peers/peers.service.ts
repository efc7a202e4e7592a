import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditAction } from '@mla/audit';
import { AppConfig, AppException, Clock, pgErrorCode, PG, TransactionRunner, WebhookTargetPolicy } from '@mla/core';
import type { Principal } from '@mla/identity';
import { DirectoryNotGiven, DirectoryReader, type DirectorySource } from '../directory/directory-reader';
import type { PeerDirectory } from '../directory/directory-entry';
import { PeerDirectoryApplier } from '../directory/peer-directory-applier';
import { NodeIdentity } from '../identity/node-identity';
import type { AddPeerDto, PeerDto, PeerListDto, UpdatePeerDto } from './peer.dto';
import { normalizeBaseUrl, PeerDocumentRefused, readPeerDocument, type PeerDocument } from './peer-document';
import { fetchPeerDocument, PeerUnreachable } from './peer-fetch';
import type { PeerRow, PeerWithCounts } from './peer.row';
import { PeersRepository } from './peers.repository';

export function toPeerDto(row: PeerWithCounts): PeerDto {
  return {
    id: row.id, nodeId: row.nodeId, url: row.url, countries: row.countries, keyThumbprint: row.keyThumbprint, keys: row.jwks.keys,
    keysReadAt: row.keysReadAt.toISOString(), state: row.state, lastContactAt: row.lastContactAt?.toISOString() ?? null,
    messagesPending: row.messagesPending, messagesDead: row.messagesDead, messagesReceived: row.messagesReceived,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit keeps of a peer (public facts only). */
const auditFacts = (p: Pick<PeerRow, 'nodeId' | 'url' | 'countries' | 'keyThumbprint' | 'state' | 'jwks'>) => ({
  nodeId: p.nodeId, url: p.url, countries: p.countries, keyThumbprint: p.keyThumbprint, state: p.state, kids: p.jwks.keys.map((k) => k.kid),
});

/**
 * Peering (DESIGN §15): an ADMIN adds a peer by its URL and the thumbprint of one of its keys;
 * the node reads the peer's well-known document and accepts it only when a key has that
 * thumbprint (RFC 7638), the peer claims none of this node's countries nor another peer's,
 * and is not peered already. Suspend, resume and re-read keys (the same check). Audited.
 */
@Injectable()
export class PeersService {
  constructor(
    private readonly peers: PeersRepository,
    private readonly identity: NodeIdentity,
    private readonly targets: WebhookTargetPolicy,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly directories: DirectoryReader,
    private readonly directoryApplier: PeerDirectoryApplier,
  ) {}

  async list(): Promise<PeerListDto> {
    return { items: (await this.peers.list()).map(toPeerDto), nextCursor: null };
  }

  async add(admin: Principal, dto: AddPeerDto): Promise<PeerDto> {
    this.assertFederates();
    const url = normalizeBaseUrl(dto.url);
    const doc = await this.read(url);
    this.assertKey(doc, dto.keyThumbprint);
    this.assertNotSelf(doc);
    // Its directory, when it has peered with this node already (else read at the next refresh).
    const directory = await this.readDirectory({ nodeId: doc.nodeId, url, countries: doc.countries, keys: doc.keys }, false);
    const now = this.clock.now();
    const row = { id: randomUUID(), nodeId: doc.nodeId, url, countries: doc.countries, keyThumbprint: dto.keyThumbprint, jwks: { keys: doc.keys }, keysReadAt: now, state: 'ACTIVE' as const, createdAt: now, createdBy: admin.userId };
    try {
      await this.tx.run(async (m) => {
        await this.assertNoClash(m, doc, url, null);
        await this.peers.insert(m, row);
        await this.record(m, admin, row.id, 'peer.added', null, row, doc.countries, now);
        if (directory) await this.directoryApplier.apply(m, admin, row, directory, this.identity.countries, now);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG.UNIQUE_VIOLATION) throw new AppException('CONFLICT', `The node ${doc.nodeId} is already a peer`);
      throw error;
    }
    return this.get(row.id);
  }

  async update(admin: Principal, id: string, dto: UpdatePeerDto): Promise<PeerDto> {
    if (dto.keyThumbprint !== undefined && dto.action !== 'refresh_keys') {
      throw AppException.validation([{ field: 'keyThumbprint', message: 'goes with the action refresh_keys only' }]);
    }
    const existing = await this.peers.findById(id);
    if (!existing) throw AppException.notFound('Peer');
    // The peer's document is read before the transaction (a network call never holds a row lock).
    const doc = dto.action === 'refresh_keys' ? await this.read(existing.url) : null;
    if (dto.action === 'refresh_directory' && existing.state !== 'ACTIVE') throw AppException.rule(`The peer ${existing.nodeId} is suspended: resume it before reading its directory`);
    const directory = dto.action === 'refresh_directory'
      ? await this.readDirectory({ nodeId: existing.nodeId, url: existing.url, countries: existing.countries, keys: existing.jwks.keys }, true)
      : doc && existing.state === 'ACTIVE' && doc.nodeId === existing.nodeId ? await this.readDirectory({ nodeId: doc.nodeId, url: existing.url, countries: doc.countries, keys: doc.keys }, false) : null;
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      const peer = await this.peers.lock(m, id);
      if (!peer) throw AppException.notFound('Peer');
      if (dto.action === 'refresh_keys' && doc) {
        const thumbprint = dto.keyThumbprint ?? peer.keyThumbprint;
        this.assertKey(doc, thumbprint);
        if (doc.nodeId !== peer.nodeId) throw AppException.rule(`The document at ${peer.url} now names the node ${doc.nodeId}, not ${peer.nodeId}: add it as a new peer`);
        this.assertNotSelf(doc);
        await this.assertNoClash(m, doc, peer.url, peer.id);
        const after = { ...peer, keyThumbprint: thumbprint, jwks: { keys: doc.keys }, countries: doc.countries };
        await this.peers.setKeys(m, id, after, now);
        await this.record(m, admin, id, 'peer.keys_refreshed', peer, after, [...new Set([...peer.countries, ...doc.countries])], now);
        if (directory) await this.directoryApplier.apply(m, admin, peer, directory, this.identity.countries, now);
        return;
      }
      if (dto.action === 'refresh_directory') {
        if (directory && peer.state === 'ACTIVE') await this.directoryApplier.apply(m, admin, peer, directory, this.identity.countries, now);
        return;
      }
      const target = dto.action === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
      if (peer.state === target) throw new AppException('INVALID_TRANSITION', `The peer ${peer.nodeId} is already ${target}`);
      await this.peers.setState(m, id, target, now);
      await this.record(m, admin, id, dto.action === 'suspend' ? 'peer.suspended' : 'peer.resumed', peer, { ...peer, state: target }, peer.countries, now);
    });
    return this.get(id);
  }

  private async get(id: string): Promise<PeerDto> {
    const row = await this.peers.findById(id);
    if (!row) throw AppException.notFound('Peer');
    return toPeerDto(row);
  }

  private assertFederates(): void {
    if (!this.identity.hasKey()) throw AppException.rule('This node has no federation key (set NODE_KEY_FILE): it federates with no one');
    if (!this.identity.federates) throw AppException.rule('NODE_COUNTRIES is unset: this node runs in the single-node mode and federates with no one');
  }

  /** The peer's document at `url`, read and checked; 422 PEER_UNREACHABLE or RULE_VIOLATED. */
  private async read(url: string): Promise<PeerDocument> {
    let doc: PeerDocument;
    try {
      doc = await readPeerDocument(await fetchPeerDocument(this.targets, url, this.config.isProduction, this.config.WEBHOOK_TIMEOUT_MS));
    } catch (error) {
      if (error instanceof PeerUnreachable) throw new AppException('PEER_UNREACHABLE', `The peer's well-known document could not be read: ${error.message}`, [{ field: 'url', message: error.message }]);
      if (error instanceof PeerDocumentRefused) throw AppException.rule(`The peer's well-known document is not valid: ${error.message}`, [{ field: 'url', message: error.message }]);
      throw error;
    }
    if (doc.url !== url) {
      throw AppException.rule(`The peer says its URL is ${doc.url}, not ${url}: messages are signed for the URL they go to, so peer it by the URL it names`, [{ field: 'url', message: `the peer's own URL is ${doc.url}` }]);
    }
    return doc;
  }

  /**
   * The peer's directory (DESIGN §15), read outside any transaction. A bad one is a 422 (nothing
   * changes); the peer refusing this node (it has not peered with it yet) is a 422 when `required`,
   * else null (the peering goes on; the directory is read at the next refresh).
   */
  private async readDirectory(source: DirectorySource, required: boolean): Promise<PeerDirectory | null> {
    try {
      return await this.directories.read(source);
    } catch (error) {
      if (error instanceof DirectoryNotGiven) {
        if (required) throw new AppException('PEER_UNREACHABLE', error.message);
        return null;
      }
      throw error;
    }
  }

  private assertKey(doc: PeerDocument, thumbprint: string): void {
    if (!doc.keys.some((k) => k.kid === thumbprint)) {
      throw new AppException('PEER_KEY_MISMATCH', `No key of ${doc.nodeId} has the RFC 7638 thumbprint ${thumbprint} (its keys: ${doc.keys.map((k) => k.kid).join(', ')}): check the thumbprint with the peer's operator`, [
        { field: 'keyThumbprint', message: 'matches none of the peer’s keys' },
      ]);
    }
  }

  private assertNotSelf(doc: PeerDocument): void {
    if (doc.nodeId === this.identity.nodeId) throw new AppException('CONFLICT', `${doc.nodeId} is this node itself`);
    const own = doc.countries.filter((c) => this.identity.countries.includes(c));
    if (own.length > 0) throw new AppException('CONFLICT', `${doc.nodeId} claims ${own.join(', ')}, whose authorities are LOCAL on this node`);
  }

  private async assertNoClash(m: EntityManager, doc: PeerDocument, url: string, exceptId: string | null): Promise<void> {
    const clash = await this.peers.clashing(doc.nodeId, url, doc.countries, exceptId, m);
    for (const other of clash) {
      if (other.nodeId === doc.nodeId || other.url === url) throw new AppException('CONFLICT', `The node ${other.nodeId} (${other.url}) is already a peer`);
      const shared = other.countries.filter((c) => doc.countries.includes(c));
      throw new AppException('CONFLICT', `${doc.nodeId} claims ${shared.join(', ')}, already served by the peer ${other.nodeId}`);
    }
  }

  private async record(m: EntityManager, admin: Principal, peerId: string, action: AuditAction, before: PeerRow | null, after: Parameters<typeof auditFacts>[0], peerCountries: string[], at: Date): Promise<void> {
    const changes = before === null ? ['nodeId', 'url', 'countries', 'keyThumbprint', 'state', 'keys'] : action === 'peer.keys_refreshed' ? ['keys', 'keyThumbprint', 'countries'] : ['state'];
    await this.audit.record(m, {
      id: randomUUID(), actorUserId: admin.userId, actorEmail: admin.email, action, targetType: 'PEER', targetId: peerId, changes,
      before: before ? auditFacts(before) : null, after: auditFacts(after),
      // This node's supervisors see every peer change; the peer's countries are named too.
      countries: [...new Set([...this.identity.countries, ...peerCountries])].sort(),
    }, [], at);
  }
}
