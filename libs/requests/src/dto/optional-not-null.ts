import { ValidateIf } from 'class-validator';

/** May be absent, but not null: for fields that always have a value. */
export const IsOptionalNotNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
