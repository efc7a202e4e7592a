import { z } from 'zod';
import type { Authority, Schemas } from '@/lib/api/client';

/** Authorities of the directory: central authorities and 24/7 contact points (DESIGN §14). */
export const DIRECTORY_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'] as const;

/** A country's name written out in a language (ISO 3166-1 code when the runtime does not know it). */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The entries a search finds: by country (code or name in English or Vietnamese), by name in any language, by code; accents ignored. */
export function searchDirectory(items: readonly Authority[], query: string): Authority[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((a) => {
    const text = fold([a.code, a.country, countryName(a.country, 'en'), countryName(a.country, 'vi'), a.name, ...Object.values(a.names ?? {})].join(' '));
    return words.every((w) => text.includes(w));
  });
}

/** Orders entries by country name (in the reader's language), then code. */
export function byCountry(items: readonly Authority[], language: string): Authority[] {
  return [...items].sort((a, b) => countryName(a.country, language).localeCompare(countryName(b.country, language), language) || a.code.localeCompare(b.code));
}

/** What the add and edit dialogs hold (texts as typed). */
export interface EntryValues {
  code: string;
  country: string;
  kind: (typeof DIRECTORY_KINDS)[number];
  nameEn: string;
  nameVi: string;
  timezone: string;
  languages: string;
  address: string;
  email: string;
  channels: string[];
  source: string;
  lastVerified: string;
}

/** The day of a date in UTC, `YYYY-MM-DD`. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

const languagesOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The rules the API applies (authority.dto), checked before sending; messages are admin:directory.errors.* keys. */
export function entrySchema(today: string) {
  return z.object({
    code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'directory.errors.code'),
    country: z.string().trim().regex(/^[A-Z]{2}$/, 'directory.errors.country'),
    kind: z.enum(DIRECTORY_KINDS),
    nameEn: z.string().trim().min(2, 'directory.errors.name').max(200, 'directory.errors.name'),
    nameVi: z.string().trim().refine((v) => v === '' || (v.length >= 2 && v.length <= 200), 'directory.errors.name'),
    timezone: z.string().trim().regex(/^[A-Za-z_]+\/[A-Za-z0-9_+\-/]+$/, 'directory.errors.timezone'),
    languages: z.string().refine((v) => languagesOf(v).length > 0 && languagesOf(v).every((l) => /^[a-z]{2}$/.test(l)), 'directory.errors.languages'),
    address: z.string().trim().max(500, 'directory.errors.address'),
    email: z.string().trim().refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'directory.errors.email'),
    channels: z.array(z.string()),
    source: z.string().trim().min(10, 'directory.errors.source').max(1000, 'directory.errors.source'),
    lastVerified: z.string().refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && v <= today), 'directory.errors.lastVerified'),
  });
}

/** The dialog's values for an entry (empty ones for a new entry). */
export function entryValues(a: Authority | null): EntryValues {
  return {
    code: a?.code ?? '',
    country: a?.country ?? '',
    kind: a?.kind === 'CONTACT_POINT_24_7' ? 'CONTACT_POINT_24_7' : 'CENTRAL_AUTHORITY',
    nameEn: a?.names?.en ?? a?.name ?? '',
    nameVi: a?.names?.vi ?? '',
    timezone: a?.timezone ?? '',
    languages: (a?.languages ?? []).join(', '),
    address: a?.address ?? '',
    email: a?.email ?? '',
    channels: [...(a?.channels ?? [])],
    source: a?.source ?? '',
    lastVerified: a?.lastVerified ?? '',
  };
}

const namesOf = (v: EntryValues): Record<string, string> => ({ en: v.nameEn.trim(), ...(v.nameVi.trim() ? { vi: v.nameVi.trim() } : {}) });

/** A new entry: an OFFLINE authority (its people do not sign in here), its language the first it corresponds in. */
export function createBody(v: EntryValues): Schemas['CreateAuthorityDto'] {
  const languages = languagesOf(v.languages);
  return {
    code: v.code.trim(), country: v.country.trim(), kind: v.kind, name: v.nameEn.trim(), names: namesOf(v), timezone: v.timezone.trim(),
    language: languages[0] ?? 'en', languages, reach: 'OFFLINE', channels: v.channels as Schemas['CreateAuthorityDto']['channels'], source: v.source.trim(),
    ...(v.address.trim() ? { address: v.address.trim() } : {}),
    ...(v.email.trim() ? { email: v.email.trim() } : {}),
    ...(v.lastVerified ? { lastVerified: v.lastVerified } : {}),
  };
}

/** The changes of an edit, only what differs (an emptied address or e-mail is cleared); null when nothing changed. */
export function updateBody(a: Authority, v: EntryValues): Schemas['UpdateAuthorityDto'] | null {
  const was = entryValues(a);
  const body: Schemas['UpdateAuthorityDto'] = {};
  if (v.kind !== was.kind) body.kind = v.kind;
  if (v.nameEn.trim() !== was.nameEn || v.nameVi.trim() !== was.nameVi) {
    body.names = { ...(a.names ?? {}), ...namesOf(v) };
    if (!v.nameVi.trim()) delete body.names.vi;
    body.name = v.nameEn.trim();
  }
  if (v.timezone.trim() !== was.timezone) body.timezone = v.timezone.trim();
  const languages = languagesOf(v.languages);
  if (languages.join(',') !== (a.languages ?? []).join(',')) body.languages = languages;
  if (v.address.trim() !== was.address) body.address = v.address.trim() || null;
  if (v.email.trim() !== was.email) body.email = v.email.trim() || null;
  if ([...v.channels].sort().join(',') !== [...was.channels].sort().join(',')) body.channels = v.channels as Schemas['UpdateAuthorityDto']['channels'];
  if (v.source.trim() !== was.source) body.source = v.source.trim();
  if (v.lastVerified && v.lastVerified !== was.lastVerified) body.lastVerified = v.lastVerified;
  return Object.keys(body).length > 0 ? body : null;
}
