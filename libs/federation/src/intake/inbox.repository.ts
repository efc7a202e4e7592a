import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A message as the inbox keeps it, verbatim. */
export interface InboxEntry {
  id: string;
  peerId: string;
  messageId: string;
  type: string;
  requestId: string;
  body: Buffer;
  digest: string;
  signatureInput: string;
  signature: string;
  keyId: string;
  receivedAt: Date;
  receipt: string;
  /** When it was applied (a message of a request's shared life, applied as it is stored); null: kept only. */
  processedAt?: Date | null;
}

/** The inbox of messages accepted from peers (`federation_inbox`), for processing later. */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(peerId: string, messageId: string): Promise<{ digest: string; receipt: string } | null> {
    const [row] = await this.dataSource.query(`SELECT digest, receipt FROM federation_inbox WHERE peer_id = $1 AND message_id = $2`, [peerId, messageId]);
    return (row as { digest: string; receipt: string } | undefined) ?? null;
  }

  /** Stores the message; false when the peer's message of that id is already there (a concurrent repeat). */
  async insert(e: InboxEntry, m: EntityManager | DataSource = this.dataSource): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO federation_inbox (id, peer_id, message_id, type, request_id, body, digest, signature_input, signature, key_id, received_at, receipt, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (peer_id, message_id) DO NOTHING RETURNING id`,
      [e.id, e.peerId, e.messageId, e.type, e.requestId, e.body, e.digest, e.signatureInput, e.signature, e.keyId, e.receivedAt, e.receipt, e.processedAt ?? null],
    );
    return rows.length === 1;
  }
}
