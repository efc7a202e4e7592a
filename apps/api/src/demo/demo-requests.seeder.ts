/**
 * Demo requests to counterparts that work on no MLA Hub (DESIGN §14), so that a newcomer sees
 * at once a request to the U.S. Office of International Affairs whose acknowledgement was
 * recorded from a letter, one overdue and chased once (in the officer's queue "To chase"),
 * one to Korea's Ministry of Justice answered with evidence, and one just sent. Each goes
 * through the one write path (the commands of any user), so the history, deadlines and
 * chase intervals are those of real requests. Seeded once: nothing is done when a request to
 * either authority exists.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Clock } from '@mla/core';
import type { IdentifierKind } from '@mla/domain';
import type { Principal } from '@mla/identity';
import { AttachmentsService, RequestCommands } from '@mla/requests';

const DAY = 86_400_000;

const PEOPLE_SQL = `SELECT u.id AS "userId", u.email, u.role, u.authority_id AS "authorityId", a.code AS "authorityCode", a.country
  FROM users u JOIN authorities a ON a.id = u.authority_id WHERE lower(u.email) = ANY($1)`;
const COUNTERPARTS_SQL = `SELECT code, id FROM authorities WHERE code IN ('US-OIA', 'KR-MOJ') AND reach = 'OFFLINE'`;
const ANY_REQUEST_SQL = `SELECT 1 FROM requests r JOIN authorities a ON a.id = r.requested_authority_id WHERE a.code IN ('US-OIA', 'KR-MOJ') LIMIT 1`;

interface DemoCase {
  to: 'US-OIA' | 'KR-MOJ';
  title: string;
  identifier: { kind: IdentifierKind; value: string };
  /** Days before now the letter was dispatched. */
  dispatchedDaysAgo: number;
  channel: 'DIPLOMATIC' | 'CENTRAL_AUTHORITY_MAIL' | 'EMAIL';
  dispatchReference: string;
  then: 'acknowledged' | 'chased' | 'answered' | 'sent';
}

const CASES: DemoCase[] = [
  { to: 'US-OIA', title: 'Subscriber data of the Gmail accounts used in an investment fraud', identifier: { kind: 'EMAIL', value: 'dautu.vang.2026@gmail.com' }, dispatchedDaysAgo: 12, channel: 'DIPLOMATIC', dispatchReference: 'NV-1187/2026', then: 'acknowledged' },
  { to: 'US-OIA', title: 'Records of the Meta accounts behind a sextortion ring', identifier: { kind: 'ACCOUNT', value: 'facebook.com/hot.girl.hcm.2026' }, dispatchedDaysAgo: 45, channel: 'DIPLOMATIC', dispatchReference: 'NV-0945/2026', then: 'chased' },
  { to: 'KR-MOJ', title: 'Transaction records of a crypto exchange account in Seoul', identifier: { kind: 'WALLET', value: '0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE' }, dispatchedDaysAgo: 60, channel: 'CENTRAL_AUTHORITY_MAIL', dispatchReference: 'VKSTC-TTTP-0311', then: 'answered' },
  { to: 'KR-MOJ', title: 'Subscriber data of a Kakao account used in a loan scam', identifier: { kind: 'ACCOUNT', value: 'kakao:vaytien24h' }, dispatchedDaysAgo: 3, channel: 'EMAIL', dispatchReference: 'VKSTC-TTTP-0412', then: 'sent' },
];

export async function seedDemoRequests(app: INestApplicationContext): Promise<number> {
  const db = app.get(DataSource);
  if ((await db.query(ANY_REQUEST_SQL)).length > 0) return 0;
  const counterparts = new Map(((await db.query(COUNTERPARTS_SQL)) as { code: string; id: string }[]).map((r) => [r.code, r.id]));
  const people = (await db.query(PEOPLE_SQL, [['prosecutor@vn.example', 'officer@vn.example']])) as Principal[];
  const prosecutor = people.find((p) => p.role === 'PROSECUTOR');
  const officer = people.find((p) => p.role === 'OFFICER');
  if (!prosecutor || !officer || counterparts.size < 2) return 0;
  const commands = app.get(RequestCommands, { strict: false });
  const attachments = app.get(AttachmentsService, { strict: false });
  const now = app.get(Clock).now();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  let created = 0;
  for (const c of CASES) {
    const { row } = await commands.create(prosecutor, {
      type: 'SUBSCRIBER_INFO', priority: 'ROUTINE', channel: 'CENTRAL_AUTHORITY', legalBasis: 'RECIPROCITY', language: 'en',
      requestedAuthorityId: counterparts.get(c.to) as string, title: c.title,
      offence: { description: 'Fraud by means of computer networks against victims in Viet Nam', provision: 'Penal Code 2015, art. 290' },
      facts: 'Victims in Ho Chi Minh City transferred money after messages from the account; the account holder abroad is unknown.',
      measures: ['Produce the subscriber information and the login IP addresses of the account'],
      identifiers: [c.identifier],
    });
    const id = row.id;
    await commands.run(prosecutor, id, { name: 'submit', input: {} });
    await commands.run(officer, id, { name: 'send', input: { transmission: { channel: c.channel, dispatchedAt: at(c.dispatchedDaysAgo), dispatchReference: c.dispatchReference } } });
    if (c.then === 'chased') {
      await commands.run(officer, id, { name: 'chase', input: { channel: 'EMAIL', dispatchedAt: at(15), reference: 'VKSTC-TTTP-CH-0101' } });
    }
    if (c.then === 'acknowledged' || c.then === 'answered') {
      const ack = await scan(attachments, officer, id, `Letter ${c.to === 'US-OIA' ? 'CRM-182-66871' : 'MOJ-IC-2026-118'}: acknowledgement of request ${row.reference}`);
      const recordedFrom = { correspondenceDate: at(c.dispatchedDaysAgo - 5).slice(0, 10), receivedAt: at(c.dispatchedDaysAgo - 7), channel: 'EMAIL' as const, reference: c.to === 'US-OIA' ? 'CRM-182-66871' : 'MOJ-IC-2026-118', documentId: ack };
      await commands.run(officer, id, { name: 'acknowledge', input: { note: 'Received and assigned', recordedFrom } as never });
    }
    if (c.then === 'answered') {
      const answer = await scan(attachments, officer, id, `Letter MOJ-IC-2026-171: execution of request ${row.reference}, records enclosed on a DVD`);
      const recordedFrom = { correspondenceDate: at(8).slice(0, 10), receivedAt: at(6), channel: 'COURIER' as const, reference: 'MOJ-IC-2026-171', documentId: answer };
      await commands.run(officer, id, { name: 'start_execution', input: { executingBody: 'Seoul Central District Prosecutors’ Office', recordedFrom } as never });
      await commands.run(officer, id, {
        name: 'deliver_evidence',
        input: { final: true, items: [{ description: 'Transaction records of the account, on a DVD sent by courier', kind: 'FILE', sha256: sha256(Buffer.from(`demo evidence ${row.reference}`)), sizeBytes: 48_213 }], recordedFrom } as never,
      });
    }
    created += 1;
  }
  return created;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Attaches a (demo) scan of a letter received as CORRESPONDENCE; answers its document id. */
async function scan(attachments: AttachmentsService, officer: Principal, requestId: string, text: string): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.4\n% ${text}\n`);
  const doc = await attachments.attach(officer, requestId, { kind: 'CORRESPONDENCE', language: 'en', fileName: 'letter-received.pdf', sha256: sha256(bytes), mediaType: 'application/pdf' }, Readable.from([bytes]), bytes.length);
  return doc.id;
}
