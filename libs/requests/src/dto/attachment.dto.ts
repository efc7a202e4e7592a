import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsSafeName } from '@mla/core';
import { LETTER_LANGUAGES } from '@mla/letters';
import { SUPPORTING_DOCUMENT_KINDS, type SupportingDocumentKind } from '@mla/domain';

/** What a supporting document is, sent beside its bytes (the body is the file, application/octet-stream). */
export class AttachQueryDto {
  @ApiProperty({ enum: SUPPORTING_DOCUMENT_KINDS })
  @IsIn(SUPPORTING_DOCUMENT_KINDS)
  kind: SupportingDocumentKind;

  /** ISO 639-1 code of the document's language. */
  @ApiProperty({ pattern: '^[a-z]{2}$', example: 'vi' })
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code in lower case (e.g. vi, en)' })
  language: string;

  /** The file's name as the prosecutor knows it (no folder). */
  @ApiProperty({ minLength: 1, maxLength: 255, example: 'court-order.pdf' })
  @IsString()
  @Length(1, 255)
  @Matches(/^[^/\\\u0000-\u001f\u007f]+$/, { message: 'fileName must be a name without folders or control characters' })
  @IsSafeName()
  fileName: string;

  /** The SHA-256 of the file, lower-case hex: the server keeps the file only if its bytes hash to it. */
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal digits' })
  sha256: string;

  /** The file's media type, kept as information (downloads are always served as application/octet-stream). */
  @ApiPropertyOptional({ example: 'application/pdf', default: 'application/octet-stream' })
  @IsOptional()
  @IsString()
  @Length(3, 127)
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, { message: 'mediaType must be a type/subtype (e.g. application/pdf)' })
  mediaType?: string;
}

export class AttachmentDto {
  id: string;
  @ApiProperty({ enum: SUPPORTING_DOCUMENT_KINDS })
  kind: string;
  language: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] })
  items: AttachmentDto[];
}

export class LetterQueryDto {
  /** The language of the letter's labels (the content stays as written). */
  @ApiPropertyOptional({ enum: LETTER_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(LETTER_LANGUAGES)
  lang?: (typeof LETTER_LANGUAGES)[number];
}
