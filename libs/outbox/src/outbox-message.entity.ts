import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A notification waiting to be relayed to the `notifications` queue (written in the action's transaction). */
@Entity('outbox')
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 60 }) type: string;
  @Column({ name: 'request_id', type: 'uuid', nullable: true }) requestId: string | null;
  @Column({ name: 'event_seq', type: 'integer', nullable: true }) eventSeq: number | null;
  @Column({ name: 'recipient_authority_id', type: 'uuid' }) recipientAuthorityId: string;
  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true }) recipientUserId: string | null;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
}
