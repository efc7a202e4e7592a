import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** The key of a detail: camelCase, as the countries file names them. */
export const DETAIL_KEY = /^[a-z][A-Za-z0-9]{0,63}$/;
export const MAX_DETAILS = 30;
export const MAX_DETAIL_LENGTH = 4000;

/** Why `value` is not a request's `details` (a flat object of short texts), or null when it is. */
export function detailsProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of texts, by key';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_DETAILS) return `must have at most ${MAX_DETAILS} keys`;
  for (const [key, text] of entries) {
    if (!DETAIL_KEY.test(key)) return `key "${key.slice(0, 70)}" must be camelCase letters and digits (at most 64)`;
    if (typeof text !== 'string') return `${key} must be a text`;
    if (text.length > MAX_DETAIL_LENGTH) return `${key} must be at most ${MAX_DETAIL_LENGTH} characters`;
  }
  return null;
}

/** A request's `details`: the extra fields its requested country requires (GET /countries/:code, `requiredDetails`). */
export function IsRequestDetails(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRequestDetails',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => detailsProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'details'} ${detailsProblem(args?.value) ?? 'is invalid'}`,
      },
    });
}
