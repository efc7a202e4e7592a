import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, LegalBasis, Priority, RequestState, RequestType } from '@mla/domain';
import type { Identifier, Offence } from '../domain/request-content';

/** One MLA request. Mutated only through the state machine (and PATCH while a draft). */
@Entity('requests')
export class RequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 32, unique: true }) reference: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'varchar', length: 30 }) state: RequestState;
  @Column({ type: 'varchar', length: 30 }) type: RequestType;
  @Column({ type: 'varchar', length: 20 }) priority: Priority;
  @Column({ type: 'varchar', length: 30 }) channel: Channel;
  @Column({ name: 'legal_basis', type: 'varchar', length: 40 }) legalBasis: LegalBasis;
  @Column({ name: 'treaty_name', type: 'varchar', length: 300, nullable: true }) treatyName: string | null;
  @Column({ name: 'requesting_authority_id', type: 'uuid' }) requestingAuthorityId: string;
  @Column({ name: 'requested_authority_id', type: 'uuid' }) requestedAuthorityId: string;
  @Column({ name: 'requesting_country', type: 'char', length: 2 }) requestingCountry: string;
  @Column({ name: 'requested_country', type: 'char', length: 2 }) requestedCountry: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'sending_authority_id', type: 'uuid', nullable: true }) sendingAuthorityId: string | null;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) title: string | null;
  @Column({ type: 'jsonb', nullable: true }) offence: Offence | null;
  @Column({ type: 'text', nullable: true }) facts: string | null;
  @Column({ type: 'jsonb' }) measures: string[];
  @Column({ type: 'jsonb' }) identifiers: Identifier[];
  @Column({ name: 'related_request_id', type: 'uuid', nullable: true }) relatedRequestId: string | null;
  @Column({ name: 'needed_by', type: 'date', nullable: true }) neededBy: string | null;
  @Column({ type: 'boolean' }) confidential: boolean;
  @Column({ name: 'resume_state', type: 'varchar', length: 30, nullable: true }) resumeState: RequestState | null;
  @Column({ name: 'preserved_until', type: 'timestamptz', nullable: true }) preservedUntil: Date | null;
  @Column({ name: 'preservation_extensions', type: 'integer' }) preservationExtensions: number;
  @Column({ name: 'executing_body', type: 'varchar', length: 300, nullable: true }) executingBody: string | null;
  @Column({ name: 'delay_estimate', type: 'jsonb', nullable: true }) delayEstimate: { reason: string; expectedBy: string; reportedAt: string } | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'jsonb', nullable: true }) refusal: { ground: string; text: string } | null;
  @Column({ name: 'delivery_count', type: 'integer' }) deliveryCount: number;
  @Column({ name: 'event_seq', type: 'integer' }) eventSeq: number;
  @Column({ name: 'last_event_hash', type: 'char', length: 64, nullable: true }) lastEventHash: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}
