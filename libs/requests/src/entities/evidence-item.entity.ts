import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceKind } from '@mla/domain';
import type { CustodyEntry } from '../domain/request-content';

/** One evidence item: never edited or deleted; a correction supersedes it. */
@Entity('evidence_items')
export class EvidenceItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ name: 'delivery_no', type: 'integer' }) deliveryNo: number;
  @Column({ name: 'item_no', type: 'integer' }) itemNo: number;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 20 }) kind: EvidenceKind;
  @Column({ type: 'char', length: 64, nullable: true }) sha256: string | null;
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true }) sizeBytes: string | null;
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true }) supersedesId: string | null;
  @Column({ type: 'jsonb' }) custody: CustodyEntry[];
  @Column({ name: 'content_stored_at', type: 'timestamptz', nullable: true }) contentStoredAt: Date | null;
  @Column({ name: 'delivered_by', type: 'uuid' }) deliveredBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
