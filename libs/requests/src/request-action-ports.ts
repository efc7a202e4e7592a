import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CountryRequirementsHolder } from '@mla/countries';
import { FederationOutboxWriter, NodeIdentity, offeredFilesStatement, PeersRepository, SharedEventsRepository, signSharedEvent } from '@mla/federation';
import { AuthoritiesRepository, UsersRepository } from '@mla/identity';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { ActionPortsFactory } from './commands/action-ports.factory';
import type { ActionPorts } from './domain/actions';
import { EvidenceRepository } from './evidence/evidence.repository';
import { LetterRenderer } from './letters/letter-renderer';
import { LettersRepository, type LetterPeopleRow } from './letters/letters.repository';
import { RequestsRepository } from './requests.repository';

/** The business rules' ports, implemented by the repositories and bound to the command's transaction. */
@Injectable()
export class RequestActionPorts extends ActionPortsFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly authorities: AuthoritiesRepository,
    private readonly requests: RequestsRepository,
    private readonly evidence: EvidenceRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly letters: LettersRepository,
    private readonly renderer: LetterRenderer,
    private readonly countries: CountryRequirementsHolder,
    private readonly peers: PeersRepository,
    private readonly federationOutbox: FederationOutboxWriter,
    private readonly sharedEvents: SharedEventsRepository,
    private readonly identity: NodeIdentity,
  ) {
    super();
  }

  bind(tx: EntityManager | null): ActionPorts {
    const m = tx ?? undefined;
    const em = tx ?? this.dataSource.manager;
    return {
      authorities: { findByIds: (ids) => this.authorities.findByIds(ids, m) },
      users: { findById: (id) => this.users.findById(id, m), supervisorsOf: (countries) => this.users.supervisorsOf(countries, m) },
      requests: {
        findRow: (id) => this.requests.findRow(tx, id),
        findFollowUp: (followUpId, preservationId) => this.requests.findFollowUp(em, followUpId, preservationId),
      },
      countries: { check: (country, content) => this.countries.check(country, content) },
      documents: {
        forRequest: (requestId) => this.attachments.forRequest(requestId, m),
        find: (requestId, id) => this.attachments.find(requestId, id, m),
        findBySha256: (requestId, sha256) => this.attachments.findBySha256(em, requestId, sha256),
        insertStatement: (document, at, p) => this.attachments.insertStatement(document, at, p),
        deleteStatement: (id, p) => this.attachments.deleteStatement(id, p),
      },
      evidence: {
        existingIds: (requestId, ids) => this.evidence.existingIds(em, requestId, ids),
        missingFiles: (requestId) => this.evidence.missingFiles(em, requestId),
        insertDeliveryStatement: (...args) => this.evidence.insertDeliveryStatement(...args),
      },
      letters: {
        toSend: (requestId, sender) => this.letters.toSend(requestId, sender),
        renderSent: (row, at, sender, facts) => this.renderer.renderSent(row, at, sender, m, facts as LetterPeopleRow | undefined),
        seal: (letter, authority, at) => this.renderer.seal({ ...letter, language: letter.language as never }, authority, at),
        sealSubject: (authorityId) => this.renderer.sealSubject(authorityId),
        insertSignedCopyStatement: (copy, at, p) => this.letters.insertSignedCopyStatement(copy, at, p),
        insertStatement: (requestId, letter, at, p) =>
          this.letters.insertStatement(requestId, { language: letter.language, sha256: letter.sha256, sizeBytes: letter.sizeBytes, pdf: letter.pdf, eventSeq: letter.eventSeq }, at, p),
      },
      federation: {
        node: this.identity.nodeId,
        peerServing: (country) => this.peers.findServing(country, em),
        messageStatement: (message, at, p) => this.federationOutbox.insertStatement(message, at, p),
        lastShared: (requestId) => this.sharedEvents.last(em, requestId),
        signShared: (event) => signSharedEvent(event, this.identity.signingKey()),
        sharedStatement: (e, at, p) => this.sharedEvents.insertStatement(e, at, p),
        offeredFilesStatement: (peerId, requestId, files, at, p) => offeredFilesStatement(peerId, requestId, files, at, p),
      },
    };
  }
}
