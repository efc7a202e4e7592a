import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters a name must not hold (issue 22 item 7): C0 and C1 controls and DEL, and the
 * invisible bidirectional formatting characters (LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO
 * U+202A-202E, the isolates U+2066-2069), with which `invoice\u202Efdp.exe` shows as
 * `invoiceexe.pdf`. Letters of every script stay welcome.
 */
export const UNSAFE_NAME_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The first character of `text` a name may not hold, as `U+202E`, or null. */
export function unsafeNameCharacter(text: string): string | null {
  const m = UNSAFE_NAME_CHARACTER.exec(text);
  return m ? `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** A name (of a file, a person, an authority) without control or bidirectional formatting characters: 400 naming the field. */
export function IsSafeName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSafeName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || unsafeNameCharacter(value) === null,
        defaultMessage: (args) =>
          `${args?.property ?? 'name'} must not contain control or bidirectional formatting characters (found ${unsafeNameCharacter(String(args?.value ?? '')) ?? '?'})`,
      },
    },
    options,
  );
}
