import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppException, FieldError } from '@mla/core';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not a known field' : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first string (by path) that PostgreSQL could not store as sent: a NUL or a lone surrogate. */
function unstorableString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableString(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = unstorableString(key, path ? `${path}.${key}` : key) ?? unstorableString(v, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The global pipe: a body must be a JSON object; unknown fields are rejected (400), never
 * ignored; every field error is listed; text PostgreSQL cannot store is refused up front.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => AppException.validation(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value instanceof Readable) {
        value.resume();
        throw new AppException('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
      }
      if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw AppException.validation([{ field: 'body', message: 'must be a JSON object' }]);
      }
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const bad = unstorableString(value, '');
      if (bad) throw AppException.validation([{ field: bad, message: 'contains a NUL character or an unpaired surrogate' }]);
    }
    return super.transform(value, metadata);
  }
}
