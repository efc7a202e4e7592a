import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonEn, commonVi } from './common';

export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

const LAST_KEY = 'mla.language';
const userKey = (userId: string) => `mla.language:${userId}`;

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

function stored(key: string): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(key);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Before sign-in: the last language used in this browser, else the browser's own. */
export function initialLanguage(): Language {
  const last = stored(LAST_KEY);
  if (last) return last;
  const nav = (globalThis.navigator?.language ?? 'en').slice(0, 2);
  return isLanguage(nav) ? nav : 'en';
}

/** A signed-in user's language: their own choice if they made one, else their authority's. */
export function languageForUser(userId: string, authorityLanguage: string | null | undefined): Language {
  if (chosenBeforeSignIn) {
    rememberLanguage(chosenBeforeSignIn, userId);
    chosenBeforeSignIn = null;
  }
  return stored(userKey(userId)) ?? (isLanguage(authorityLanguage) ? authorityLanguage : initialLanguage());
}

/** A choice made on the sign-in page, before we know who the user is: it becomes theirs once signed in. */
let chosenBeforeSignIn: Language | null = null;

/** Remembers a choice (a language preference only: never a token). */
export function rememberLanguage(language: Language, userId?: string): void {
  if (!userId) chosenBeforeSignIn = language;
  try {
    globalThis.localStorage?.setItem(LAST_KEY, language);
    if (userId) globalThis.localStorage?.setItem(userKey(userId), language);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function applyLanguage(language: Language): Promise<unknown> {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: typeof window === 'undefined' ? 'en' : initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common'],
  resources: { en: { common: commonEn }, vi: { common: commonVi } },
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** A namespace's messages in both languages: Vietnamese must have every key English has (tsc fails otherwise; the label-parity vitest also refuses extra ones). */
export interface Messages<T extends object> {
  en: T;
  vi: NoInfer<T>;
}

/** Registers a feature's messages under its own namespace. */
export function addMessages<T extends object>(namespace: string, messages: Messages<T>): void {
  i18n.addResourceBundle('en', namespace, messages.en, true, true);
  i18n.addResourceBundle('vi', namespace, messages.vi, true, true);
}
