import type { Authority } from '@/lib/api/client';
import { allowedChannels, type RequestContent } from '@server/request-completeness';
import type { Country } from './validation';

/** A country's name written out in the reader's language (its code when the runtime does not know it). */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An authority's name in the reader's language (its English or registered name otherwise). */
export const nameIn = (a: Authority, language: string): string => a.names?.[language] ?? a.names?.en ?? a.name;

export interface AuthorityGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * What the requested-authority picker offers (DESIGN §14): every central authority and 24/7
 * contact point of another country, the directory's included, grouped by country (its name
 * written out, groups in alphabetical order); a retired one only when it is the draft's own.
 */
export function authorityGroups(authorities: readonly Authority[], myCountry: string | undefined, language: string, current: string | undefined): AuthorityGroup[] {
  const offered = authorities.filter((a) => a.kind !== 'PROSECUTION_OFFICE' && a.country !== myCountry && (!a.retiredAt || a.id === current));
  const groups = new Map<string, Authority[]>();
  for (const a of offered) groups.set(a.country, [...(groups.get(a.country) ?? []), a]);
  return [...groups.entries()]
    .map(([country, list]) => ({
      group: countryName(country, language),
      items: list.sort((x, y) => nameIn(x, language).localeCompare(nameIn(y, language), language)).map((a) => ({ value: a.id, label: `${nameIn(a, language)} (${a.code})` })),
    }))
    .sort((x, y) => x.group.localeCompare(y.group, language));
}

/** The channels the requested country takes this request through, from its published rules (GET /countries/:code); undefined when it says none. */
export function channelsFor(country: Country | undefined, v: { type: string; priority: string; legalBasis: string }): string[] | undefined {
  return allowedChannels(country as never, v as Pick<RequestContent, 'type' | 'priority' | 'legalBasis'>);
}
