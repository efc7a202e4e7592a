import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEV_WEBHOOK_SECRET_KEY, isSealed, openSecret, parseSecretKey, sealSecret } from '../../crypto/secret-box';

/**
 * Webhook signing secrets encrypted at rest (issue 22 item 7): every stored secret is sealed
 * with WEBHOOK_SECRET_KEY (AES-256-GCM, `enc1:…`), and the database refuses a plain one from
 * now on. The key is the process's WEBHOOK_SECRET_KEY, the one the configuration validated at
 * boot (the published development key when unset, which production refuses). `down` opens
 * them again.
 */
export class WebhookSecretsSealed1765000300000 implements MigrationInterface {
  name = 'WebhookSecretsSealed1765000300000';

  private key(): Buffer {
    const key = parseSecretKey(process.env.WEBHOOK_SECRET_KEY || DEV_WEBHOOK_SECRET_KEY);
    if (!key) throw new Error('WEBHOOK_SECRET_KEY must be 32 bytes as 64 hex digits or base64');
    return key;
  }

  async up(q: QueryRunner): Promise<void> {
    const key = this.key();
    const rows = (await q.query(`SELECT id, webhook_secret AS secret FROM authorities WHERE webhook_secret IS NOT NULL FOR UPDATE`)) as { id: string; secret: string }[];
    for (const row of rows.filter((r) => !isSealed(r.secret))) {
      await q.query(`UPDATE authorities SET webhook_secret = $2 WHERE id = $1`, [row.id, sealSecret(key, row.secret)]);
    }
    await q.query(`ALTER TABLE authorities ADD CONSTRAINT authorities_webhook_secret_sealed CHECK (webhook_secret IS NULL OR webhook_secret LIKE 'enc1:%')`);
  }

  async down(q: QueryRunner): Promise<void> {
    const key = this.key();
    await q.query(`ALTER TABLE authorities DROP CONSTRAINT authorities_webhook_secret_sealed`);
    const rows = (await q.query(`SELECT id, webhook_secret AS secret FROM authorities WHERE webhook_secret LIKE 'enc1:%' FOR UPDATE`)) as { id: string; secret: string }[];
    for (const row of rows) await q.query(`UPDATE authorities SET webhook_secret = $2 WHERE id = $1`, [row.id, openSecret(key, row.secret)]);
  }
}
