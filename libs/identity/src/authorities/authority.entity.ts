import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AUTHORITY_KINDS = ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

@Entity('authorities')
export class AuthorityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 30 })
  kind: AuthorityKind;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ type: 'varchar', length: 16 })
  language: string;

  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl: string | null;

  @Column({ name: 'webhook_secret', type: 'varchar', length: 200, nullable: true, select: false })
  webhookSecret: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
