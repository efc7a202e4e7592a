import type { RequestDto } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';

/** The steps of the writer, in order (their labels are writer:steps.<key>). */
export const STEP_KEYS = ['route', 'offence', 'facts', 'identifiers', 'review'] as const;

/** What the route step offers: the API's own values. */
export const CHOICES = {
  types: enums.CreateRequestDto.type,
  legalBases: enums.CreateRequestDto.legalBasis,
  channels: enums.CreateRequestDto.channel,
  priorities: enums.CreateRequestDto.priority,
};

/** Languages a request may be written in (ISO 639-1; the API takes any, these are the ones offered). */
export const LANGUAGES = ['vi', 'en', 'th', 'id', 'ms', 'km', 'lo', 'my', 'tl', 'zh', 'ko', 'ja', 'fr'];

/**
 * What submit will refuse: the server's rules run live on the form's values, where the
 * documents decide (a translation the requested country requires) as the saved draft's
 * `missing` says (its documents are attached on the request page).
 */
export function liveMissing(local: string[], saved: RequestDto | null): string[] {
  if (!saved) return local;
  const server = new Set(saved.missing);
  return local.filter((f) => (f !== 'attachments' && f !== 'language') || server.has(f));
}
