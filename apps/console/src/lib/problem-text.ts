import type { TFunction } from 'i18next';
import type { ApiProblem, FieldProblem } from './api/client';

/**
 * Problems in the user's language: the console words them from the problem's `code` and each
 * field error's `rule` (the validation constraint), never from the server's English sentence.
 */

/** Constraint names (class-validator's and the API's own) and the words for them (`common:problem.rule.*`). */
const RULES: Record<string, string> = {
  minLength: 'minLength',
  maxLength: 'maxLength',
  isLength: 'length',
  isEmail: 'email',
  isNotEmpty: 'required',
  isDefined: 'required',
  isUuid: 'id',
  isUUID: 'id',
  isIn: 'oneOf',
  isEnum: 'oneOf',
  isInt: 'integer',
  isNumber: 'number',
  isPositive: 'positive',
  min: 'min',
  max: 'max',
  matches: 'format',
  whitelistValidation: 'unknownField',
  isString: 'text',
  isBoolean: 'boolean',
  isArray: 'list',
  arrayMinSize: 'arrayMin',
  arrayMaxSize: 'arrayMax',
  arrayNotEmpty: 'required',
  isUrl: 'url',
  isWebhookUrl: 'url',
  isIsoDate: 'date',
  isDateString: 'date',
  isISO8601: 'date',
  isTimeZone: 'timeZone',
  isSafeName: 'safeName',
  identifierValue: 'identifier',
  isRequestDetails: 'details',
  isObject: 'object',
  nestedValidation: 'object',
  isHexadecimal: 'hex',
  isLocale: 'language',
  isISO31661Alpha2: 'country',
};

/** The first number of the server's sentence ("…longer than or equal to 12 characters"): the limit a rule names. */
const limitOf = (message: string) => /(-?\d+(?:\.\d+)?)/.exec(message)?.[1];

/** A field error in words: by its rule when the API names one, else by the problem's code. */
export function fieldProblemText(e: FieldProblem, code: string, t: TFunction<string>): string {
  const rule = e.rule ? RULES[e.rule] : undefined;
  if (rule) return t(`common:problem.rule.${rule}`, { n: limitOf(e.message) ?? '' });
  return t(`common:problem.field.${code}`, { defaultValue: t('common:problem.field.other') });
}

/** The problem's title by its code. */
export function problemTitle(p: Pick<ApiProblem, 'code'>, t: TFunction<string>): string {
  return t(`common:problem.title.${p.code}`, { defaultValue: t('common:problem.title.other') });
}

/** Codes whose title says all there is: their server sentence adds nothing a person needs. */
const SELF_EXPLAINED = new Set(['NOT_FOUND', 'UNAUTHENTICATED', 'VERSION_CONFLICT', 'NETWORK', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE', 'IDEMPOTENCY_KEY_IN_PROGRESS']);

/**
 * Whether the server's sentence (`detail`) is shown: only to an English reader, and only when
 * the code's title and the field errors do not already say it.
 */
export function showsDetail(p: Pick<ApiProblem, 'code' | 'detail' | 'errors'>, lang: string): boolean {
  return lang === 'en' && Boolean(p.detail) && !SELF_EXPLAINED.has(p.code) && p.errors.length === 0;
}
