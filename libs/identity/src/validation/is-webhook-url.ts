import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseWebhookUrl } from '@mla/core';

/**
 * An absolute http(s) URL as the deliveries parse it (WHATWG). Only the syntax: whether it
 * is an allowed target (https in production, no credentials, public addresses) is a rule
 * checked with DNS (422 RULE_VIOLATED), not a validation error.
 */
export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an http(s) URL`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseWebhookUrl(value) !== null },
    });
}
