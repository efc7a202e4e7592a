import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a POST carrying an Idempotency-Key, replayed to its repeats. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) key: string;
  @Column({ type: 'varchar', length: 10 }) method: string;
  @Column({ type: 'varchar', length: 500 }) path: string;
  @Column({ name: 'body_hash', type: 'char', length: 64 }) bodyHash: string;
  @Column({ name: 'status_code', type: 'integer', nullable: true }) statusCode: number | null;
  @Column({ name: 'response_headers', type: 'jsonb', nullable: true }) responseHeaders: Record<string, string> | null;
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
