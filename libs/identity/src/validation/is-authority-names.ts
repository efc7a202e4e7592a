import { registerDecorator, ValidationOptions } from 'class-validator';
import { unsafeNameCharacter } from '@mla/core';

const LANGUAGE = /^[a-z]{2,3}$/;
const MAX_LANGUAGES = 12;

/** Why a `names` value is refused, or null when it is an object of language → name (2-200 safe characters each). */
export function authorityNamesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of language code to name, e.g. {"vi": "…", "en": "…"}';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_LANGUAGES) return `may name at most ${MAX_LANGUAGES} languages`;
  for (const [language, name] of entries) {
    if (!LANGUAGE.test(language)) return `key ${JSON.stringify(language.slice(0, 20))} must be a language code such as vi or en`;
    if (typeof name !== 'string') return `${language} must be a string`;
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 200) return `${language} must be 2-200 characters`;
    const bad = unsafeNameCharacter(trimmed);
    if (bad !== null) return `${language} must not contain control or bidirectional formatting characters (found ${bad})`;
  }
  return null;
}

/** An authority's names per language (DESIGN §4). */
export function IsAuthorityNames(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAuthorityNames',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { ...options },
      validator: {
        validate: (value: unknown) => authorityNamesProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'names'} ${authorityNamesProblem(args?.value) ?? 'is invalid'}`,
      },
    });
}
