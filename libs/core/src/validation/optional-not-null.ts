import { ValidateIf } from 'class-validator';

/**
 * May be absent, but not null: for a field whose column always has a value (a PATCH that
 * sends null for it answers 400 naming the field, never a NOT NULL violation).
 */
export const IsOptionalNotNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
