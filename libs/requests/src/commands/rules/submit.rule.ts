import { missingForSubmit } from '../../domain/request-content';
import type { CommandPlan, RuleContext } from '../command.types';
import { incomplete } from './refusal';

/** submit: the request is complete (DESIGN §4); every missing field is named. */
export function submitRule({ row }: RuleContext): CommandPlan {
  const missing = missingForSubmit(row);
  if (missing.length > 0) {
    throw incomplete(
      `The request cannot be submitted: ${missing.join(', ')} missing`,
      missing.map((field) => ({ field, message: 'is required before submit' })),
    );
  }
  return {};
}
