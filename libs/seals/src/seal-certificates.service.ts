import { Injectable } from '@nestjs/common';
import { AuditRepository, type AuditAction } from '@mla/audit';
import { AppException, Clock, TransactionRunner } from '@mla/core';
import { AuthoritiesRepository, type AuthorityRow, type Principal } from '@mla/identity';
import { readSealCertificate, SealCertificateRefused } from '@mla/letters';
import { randomUUID } from 'node:crypto';
import type { SealCertificateDto, SetSealCertificateDto } from './seal-certificate.dto';
import { SealKeyStore, type StoredSealInfo } from './seal-key-store';

/** The authorities that send letters abroad: central authorities and 24/7 points. */
const SEALING_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

function toDto(authorityId: string, info: StoredSealInfo): SealCertificateDto {
  const { subject, issuer, serialNumber, notBefore, notAfter, sha256, setAt } = info;
  return { authorityId, subject, issuer, serialNumber, notBefore, notAfter, sha256, setAt };
}

/**
 * The sealing certificate of each sending authority (DESIGN §4): set and removed by an ADMIN
 * (audited: the certificate's subject and fingerprint, never the key), seen by the ADMIN and
 * the authority's own users. The key goes to the secret store (SealKeyStore), never the database.
 */
@Injectable()
export class SealCertificatesService {
  constructor(
    private readonly store: SealKeyStore,
    private readonly authorities: AuthoritiesRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async get(p: Principal, authorityId: string): Promise<SealCertificateDto> {
    if (p.role !== 'ADMIN' && p.authorityId !== authorityId) throw AppException.notFound('Sealing certificate');
    const info = await this.store.info(authorityId);
    if (!info) throw AppException.notFound('Sealing certificate');
    return toDto(authorityId, info);
  }

  async set(admin: Principal, authorityId: string, dto: SetSealCertificateDto): Promise<SealCertificateDto> {
    const authority = await this.sealing(authorityId);
    const p12 = Buffer.from(dto.pkcs12, 'base64');
    const now = this.clock.now();
    let read;
    try {
      read = readSealCertificate(p12, dto.password, now);
    } catch (error) {
      if (!(error instanceof SealCertificateRefused)) throw error;
      const field = error.problem === 'WRONG_PASSWORD' ? 'password' : 'pkcs12';
      throw AppException.rule(`The certificate cannot seal: ${error.message}`, [{ field, message: error.message }]);
    }
    const info: StoredSealInfo = {
      subject: read.subject, issuer: read.issuer, serialNumber: read.serialNumber,
      notBefore: read.notBefore.toISOString(), notAfter: read.notAfter.toISOString(), sha256: read.sha256,
      setAt: now.toISOString(), setBy: admin.userId,
    };
    const before = await this.store.info(authorityId);
    await this.tx.run(async (m) => {
      await this.record(m, admin, authority, 'authority.seal_set', before, info, now);
      // The file last: the audit row commits with it or the change is refused.
      await this.store.put(authorityId, p12, dto.password, info);
    });
    return toDto(authorityId, info);
  }

  async remove(admin: Principal, authorityId: string): Promise<void> {
    const authority = await this.found(authorityId);
    const before = await this.store.info(authorityId);
    if (!before) throw AppException.notFound('Sealing certificate');
    await this.tx.run(async (m) => {
      await this.record(m, admin, authority, 'authority.seal_removed', before, null, this.clock.now());
      await this.store.remove(authorityId);
    });
  }

  private async found(authorityId: string): Promise<AuthorityRow> {
    const authority = await this.authorities.findById(authorityId);
    if (!authority) throw AppException.notFound('Authority');
    return authority;
  }

  private async sealing(authorityId: string): Promise<AuthorityRow> {
    const authority = await this.found(authorityId);
    if (!SEALING_KINDS.includes(authority.kind)) {
      throw AppException.rule(`A ${authority.kind} sends no letters abroad: only central authorities and 24/7 points seal`, [{ field: 'authorityId', message: 'is not a central authority or 24/7 point' }]);
    }
    return authority;
  }

  private async record(m: Parameters<AuditRepository['record']>[0], admin: Principal, authority: AuthorityRow, action: AuditAction, before: StoredSealInfo | null, after: StoredSealInfo | null, at: Date): Promise<void> {
    const facts = (i: StoredSealInfo | null) => (i ? { subject: i.subject, issuer: i.issuer, serialNumber: i.serialNumber, notAfter: i.notAfter, sha256: i.sha256 } : null);
    await this.audit.record(m, {
      id: randomUUID(), actorUserId: admin.userId, actorEmail: admin.email, action, targetType: 'AUTHORITY', targetId: authority.id,
      changes: ['sealCertificate'], before: facts(before), after: facts(after), countries: [authority.country],
    }, [], at);
  }
}
