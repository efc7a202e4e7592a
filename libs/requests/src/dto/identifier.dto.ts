import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isEmail, isFQDN, isIP, isURL } from 'class-validator';
import { IDENTIFIER_KINDS, IdentifierKind } from '@mla/domain';
import { IsIsoDate } from '@mla/core';

const VALUE_RULES: Record<IdentifierKind, { check: (v: string) => boolean; expects: string }> = {
  IP_ADDRESS: { check: (v) => isIP(v), expects: 'an IPv4 or IPv6 address' },
  EMAIL: { check: (v) => isEmail(v), expects: 'an e-mail address' },
  PHONE: { check: (v) => /^\+?[0-9 ()-]{5,20}$/.test(v), expects: 'a phone number such as +84 28 1234 5678' },
  ACCOUNT: { check: (v) => v.trim().length > 0, expects: 'an account or handle' },
  DOMAIN: { check: (v) => isFQDN(v), expects: 'a domain name such as example.com' },
  URL: { check: (v) => isURL(v, { require_protocol: true }), expects: 'a URL with its scheme' },
  IMEI: { check: (v) => /^\d{15}$/.test(v), expects: 'a 15-digit IMEI' },
  WALLET: { check: (v) => /^[A-Za-z0-9:._-]{8,128}$/.test(v), expects: 'a wallet address' },
};

@ValidatorConstraint({ name: 'identifierValue' })
class IdentifierValueMatchesKind implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const rule = VALUE_RULES[(args.object as IdentifierDto).kind];
    return !rule || (typeof value === 'string' && rule.check(value));
  }
  defaultMessage(args: ValidationArguments): string {
    const rule = VALUE_RULES[(args.object as IdentifierDto).kind];
    return `value must be ${rule?.expects ?? 'valid for its kind'}`;
  }
}

/** A typed identifier: an IP address (with when it was seen), e-mail, phone, account… */
export class IdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS })
  @IsIn(IDENTIFIER_KINDS)
  kind: IdentifierKind;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Validate(IdentifierValueMatchesKind)
  value: string;

  /** For IP_ADDRESS (required before submit): when it was observed, with its zone, e.g. 2026-11-01T10:00:00+07:00. */
  @ApiPropertyOptional({ example: '2026-11-01T10:00:00+07:00', nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @IsIsoDate(['zoned'], { message: 'observedAt must be an ISO 8601 date-time with its zone (Z or ±hh:mm), e.g. 2026-11-01T10:00:00+07:00' })
  observedAt?: string | null;
}
