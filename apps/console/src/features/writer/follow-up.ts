import type { TFunction } from 'i18next';

/**
 * The language a follow-up is written in (DESIGN §4: a request's own content is in the
 * request's language): the preservation's when the requested country accepts it, else the
 * first language the country accepts (Singapore: English). Its pre-filled title and measure
 * are written in that language, whatever the console's.
 */
export function followUpLanguage(preservationLanguage: string, accepted: readonly string[] | undefined): string {
  if (!accepted || accepted.length === 0 || accepted.includes(preservationLanguage)) return preservationLanguage;
  return accepted[0] as string;
}

/** The follow-up's pre-filled title and first measure, in `t`'s language (a `getFixedT` of the follow-up's). */
export function followUpTexts(t: TFunction, preservation: { reference: string; title?: string | null }): { title: string; measure: string } {
  return {
    title: t('followUpTitle', { reference: preservation.reference, title: preservation.title ?? '' }),
    measure: t('followUpMeasure', { reference: preservation.reference }),
  };
}
