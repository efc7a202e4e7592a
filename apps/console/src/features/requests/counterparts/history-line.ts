/** How the history reads an act recorded from correspondence (DESIGN §14): both who acted and who recorded it. */
import type { TFunction } from 'i18next';
import { formatDate } from '@/lib/format';

export interface RecordedEvent {
  action?: string;
  actor?: { authorityCode?: string | null };
  recorder?: { displayName?: string | null; authorityCode?: string | null } | null;
  recordedFrom?: Record<string, unknown> | null;
}

/**
 * "US-OIA – Acknowledge on 3 Dec 2026, recorded by Trần Thị Bình from letter IAD/2026/114";
 * null for an event that was not recorded from a letter.
 */
export function recordedLine(e: RecordedEvent, t: TFunction, language: string, names: Record<string, string> = {}): string | null {
  if (!e.recorder || !e.recordedFrom) return null;
  const code = e.actor?.authorityCode ?? '';
  const date = typeof e.recordedFrom.correspondenceDate === 'string' ? e.recordedFrom.correspondenceDate : '';
  return t('counterparts:history.recorded', {
    actor: names[code] ?? code,
    act: t(`common:action.${e.action ?? ''}`, { defaultValue: e.action ?? '' }),
    date: formatDate(date, language),
    recorder: e.recorder.displayName ?? e.recorder.authorityCode ?? '',
    reference: String(e.recordedFrom.reference ?? ''),
  });
}
