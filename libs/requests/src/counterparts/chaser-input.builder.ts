/**
 * The chaser's input (DESIGN §14) built from the request, its open deadlines and its earlier
 * chasers: pure. What is outstanding is what the OFFLINE counterpart holds now: its running
 * deadlines, or, without one, an answer awaited since the request was sent.
 */
import type { DeadlineRow } from '@mla/deadlines';
import type { RecordedFrom, Side, TransmissionChannel } from '@mla/domain';
import type { ChaserInput, LetterLanguage } from '@mla/letters';
import { dayIn } from '../letters/letter-input.builder';
import type { RequestRow } from '../request.row';

export interface ChaserFacts {
  row: RequestRow;
  offline: Side;
  deadlines: readonly DeadlineRow[];
  /** The chase events so far, in order. */
  earlier: readonly { dispatchedAt: string; channel: TransmissionChannel; reference: string }[];
  /** The names of the two authorities in the chaser's language. */
  names: { keeper: string; counterpart: string };
  /** The keeper authority's code and the officer writing. */
  keeperCode: string;
  officer: { displayName: string; email: string } | null;
  now: Date;
  language: LetterLanguage;
  /** The last act recorded from the counterpart's letters, if any (what is awaited is counted from it when no deadline runs). */
  lastRecorded?: RecordedFrom | null;
}

export function chaserInputOf(f: ChaserFacts): ChaserInput {
  const { row, offline } = f;
  const zone = offline === 'REQUESTED' ? row.requestingAuthorityTimezone : row.requestedAuthorityTimezone;
  const day = (d: Date | string) => dayIn(zone, new Date(d));
  const keeperCountry = offline === 'REQUESTED' ? row.requestingCountry : row.requestedCountry;
  const counterpart = offline === 'REQUESTED'
    ? { code: row.requestedAuthorityCode, country: row.requestedCountry }
    : { code: row.requestingAuthorityCode, country: row.requestingCountry };
  const held = f.deadlines.filter((d) => d.party === offline && (d.status === 'PENDING' || d.status === 'OVERDUE'));
  const outstanding = held.length > 0
    ? held.map((d) => ({ kind: d.kind, since: day(d.startAt), dueBy: day(d.dueAt), overdue: d.status === 'OVERDUE' || d.dueAt.getTime() < f.now.getTime() }))
    : [{ kind: 'ANSWER' as const, since: day(f.lastRecorded?.receivedAt ?? row.sentAt ?? row.updatedAt), dueBy: null, overdue: false }];
  const t = row.transmission;
  return {
    reference: row.reference,
    date: day(f.now),
    title: row.confidential ? null : row.title,
    from: { code: f.keeperCode, name: f.names.keeper, country: keeperCountry },
    to: { code: counterpart.code, name: f.names.counterpart, country: counterpart.country },
    direction: offline === 'REQUESTED' ? 'OUTGOING' : 'INCOMING',
    sent: t ? { dispatchedAt: day(t.dispatchedAt), channel: t.channel, reference: t.dispatchReference } : null,
    outstanding,
    earlier: f.earlier.map((e) => ({ dispatchedAt: day(e.dispatchedAt), channel: e.channel, reference: e.reference })),
    contact: { authority: f.names.keeper, officer: f.officer?.displayName, email: f.officer?.email },
  };
}
