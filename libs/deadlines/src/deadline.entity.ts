import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineKind, DeadlineStatus, Side } from '@mla/domain';

/** A due time for the ball holder's next act: the truth the worker's jobs are woken for. */
@Entity('deadlines')
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ type: 'varchar', length: 40 }) kind: DeadlineKind;
  @Column({ type: 'varchar', length: 20 }) party: Side;
  @Column({ type: 'varchar', length: 20 }) status: DeadlineStatus;
  @Column({ name: 'start_at', type: 'timestamptz' }) startAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'span_ms', type: 'bigint' }) spanMs: string;
  @Column({ name: 'remaining_ms', type: 'bigint', nullable: true }) remainingMs: string | null;
  @Column({ name: 'escalation_level', type: 'smallint' }) escalationLevel: number;
  @Column({ name: 'reminders_sent', type: 'smallint' }) remindersSent: number;
  @Column({ name: 'met_at', type: 'timestamptz', nullable: true }) metAt: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
