import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One immutable row of a request's history (the database refuses UPDATE and DELETE). */
@Entity('request_events')
export class RequestEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'request_id', type: 'uuid' }) requestId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 40 }) action: string;
  @Column({ name: 'from_state', type: 'varchar', length: 30, nullable: true }) fromState: string | null;
  @Column({ name: 'to_state', type: 'varchar', length: 30, nullable: true }) toState: string | null;
  @Column({ type: 'jsonb' }) actor: Record<string, unknown>;
  @Column({ type: 'jsonb' }) input: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true }) prevHash: string | null;
  @Column({ type: 'char', length: 64 }) hash: string;
}
