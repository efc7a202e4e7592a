/** Where an authority works (DESIGN §14): its people sign in here, on another MLA Hub node, or on none. */
export const AUTHORITY_REACHES = ['LOCAL', 'PEER', 'OFFLINE'] as const;
export type AuthorityReach = (typeof AUTHORITY_REACHES)[number];

/** An authority's name in each language it uses, e.g. `{ vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy of Viet Nam" }`. */
export type AuthorityNames = Readonly<Record<string, string>>;

/**
 * The authority's name to show inside text written in `language` (DESIGN §4: no letter shows
 * one language's names inside another's text): its name in that language, else its English
 * name, else its registered name.
 */
export function authorityNameIn(a: { name: string; names?: AuthorityNames | null }, language: string): string {
  const names = a.names ?? {};
  return names[language] ?? names[language.split('-')[0] ?? language] ?? names['en'] ?? a.name;
}
