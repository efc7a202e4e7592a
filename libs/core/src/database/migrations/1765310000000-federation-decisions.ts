import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who decides in the shared life of a request between two nodes (issue 20, DESIGN §15).
 *
 * - `requests.pending_act`: on the requesting node, the requesting side's act after `send`
 *   that waits for the requested node's decision (one at a time): `{ action, input, proposedAt,
 *   messageId, proposer }`; null when none waits.
 * - `federation_outbox.reject_reason`, `reject_detail`: the reason and detail of the problem a
 *   peer signed with its REJECTED receipt (e.g. INVALID_TRANSITION, "withdraw is not allowed
 *   from state REFUSED"), kept with the message.
 * - `evidence_items.delivered_by` nullable: an item delivered by a PEER authority (from its
 *   node's signed event) has no user of this node; so has a request received from a peer node
 *   (`requests.created_by` nullable: its drafter works on the other node).
 */
export class FederationDecisions1765310000000 implements MigrationInterface {
  name = 'FederationDecisions1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requests ADD COLUMN pending_act jsonb`);
    await q.query(`ALTER TABLE federation_outbox ADD COLUMN reject_reason varchar(64), ADD COLUMN reject_detail text`);
    await q.query(`ALTER TABLE evidence_items ALTER COLUMN delivered_by DROP NOT NULL`);
    await q.query(`ALTER TABLE requests ALTER COLUMN created_by DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requests ALTER COLUMN created_by SET NOT NULL`);
    await q.query(`ALTER TABLE evidence_items ALTER COLUMN delivered_by SET NOT NULL`);
    await q.query(`ALTER TABLE federation_outbox DROP COLUMN reject_detail, DROP COLUMN reject_reason`);
    await q.query(`ALTER TABLE requests DROP COLUMN pending_act`);
  }
}
