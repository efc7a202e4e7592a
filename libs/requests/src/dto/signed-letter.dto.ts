import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { AttachmentDto, AttachQueryDto } from './attachment.dto';

/** The signed copy of the letter (LETTER_SIGNED), and the letter it signs. */
export class SignedLetterQueryDto extends PickType(AttachQueryDto, ['language', 'fileName', 'sha256', 'mediaType'] as const) {
  /** The SHA-256 of the letter it signs (X-Content-SHA256 of GET …/letter): `send` uses it only for that very letter. */
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'letterSha256 must be 64 lower-case hexadecimal digits' })
  letterSha256: string;
}

/** The signed copy as stored, with the letter it signs and the request's new version (the If-Match of the send that follows). */
export class SignedLetterDto extends AttachmentDto {
  /** The SHA-256 of the letter it signs. */
  letterSha256: string;
  /** The request's version after the upload. */
  requestVersion: number;
}
