/** A country's name in the console's language (Intl.DisplayNames), its code when the runtime has none. */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang === 'vi' ? 'vi' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
