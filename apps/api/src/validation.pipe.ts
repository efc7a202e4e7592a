import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppException, FieldError, firstInputProblem } from '@mla/core';

/** Every field error of class-validator, flattened with its path; walked with a stack (nested DTOs are bounded by the body depth anyway). */
function flatten(errors: ValidationError[]): FieldError[] {
  const out: FieldError[] = [];
  const stack = [...errors].reverse().map((e) => ({ e, prefix: '' }));
  while (stack.length > 0) {
    const { e, prefix } = stack.pop() as { e: ValidationError; prefix: string };
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? 'is not a known field' : message, rule });
    }
    for (const child of [...(e.children ?? [])].reverse()) stack.push({ e: child, prefix: field });
  }
  return out;
}

/**
 * The global pipe: a body must be a JSON object; unknown fields are rejected (400), never
 * ignored, and so are fields named like Object.prototype members (`constructor`,
 * `toString`, … which class-validator's whitelist would take for known ones); every field
 * error is listed; text PostgreSQL cannot store is refused up front. The checks before
 * class-validator walk the input iteratively, to a bounded depth.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor(private readonly maxDepth: number = 32) {
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
      const problem = firstInputProblem(value, this.maxDepth);
      if (problem) throw AppException.validation([problem]);
    }
    return super.transform(value, metadata);
  }
}
