import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiProperty, ApiPropertyOptional, type ApiPropertyOptions, getSchemaPath, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, IsOptionalNotNull, IsSafeName } from '@mla/core';
import { EVIDENCE_KINDS, EVIDENCE_TRANSFERS, EvidenceKind, EvidenceTransfer, RECORDABLE_ACTIONS, REFUSAL_GROUNDS, RefusalGround, REQUEST_ACTIONS, RequestAction } from '@mla/domain';
import { RecordedFromDto, TransmissionDto } from './counterpart.dto';
import { TRANSITION_TABLE } from '../domain/request-state-machine';
import { SIGNED_LETTER_METHODS, type SignedLetterMethod } from '../domain/actions/submission.actions';

export class CustodyEntryDto {
  /** Who handed the item over. */
  @IsString()
  @MaxLength(300)
  from: string;

  /** Who received it. */
  @IsString()
  @MaxLength(300)
  to: string;

  /** When (ISO 8601 date-time with Z or an offset). */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsIsoDate(['zoned'])
  at: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class EvidenceItemInputDto {
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;

  /** SHA-256 of the digital item, 64 hex digits (required for FILE). */
  @IsOptionalNotNull()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;

  /** Size in bytes of the digital item (required for FILE). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sizeBytes?: number;

  /** The item this one corrects. */
  @IsOptionalNotNull()
  @IsUUID()
  supersedesId?: string;

  /**
   * How its bytes travel: UPLOAD (its file is then uploaded to PUT …/evidence/{itemId}/content,
   * SHA-256 verified; a final delivery waits for it) or OUT_OF_BAND (a disk by courier or
   * diplomatic bag, recorded by hash and `medium`). OUT_OF_BAND when not said.
   */
  @ApiPropertyOptional({ enum: EVIDENCE_TRANSFERS })
  @IsOptionalNotNull()
  @IsIn(EVIDENCE_TRANSFERS)
  transfer?: EvidenceTransfer;

  /** OUT_OF_BAND: how it travels (e.g. "DVD, diplomatic bag 2026/114"). */
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  medium?: string;

  /** The file's name (its downloads are named after it): no folders or control characters. */
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(255)
  @Matches(/^[^/\\\u0000-\u001f\u007f]+$/, { message: 'fileName must be a name without folders or control characters' })
  @IsSafeName()
  fileName?: string;

  /** The file's media type (type/subtype). */
  @IsOptionalNotNull()
  @MaxLength(255)
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, { message: 'mediaType must be a type/subtype (e.g. application/pdf)' })
  mediaType?: string;

  /** Custody before delivery (who handed it to whom, when); the delivery itself is appended. */
  @ApiPropertyOptional({ type: [CustodyEntryDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CustodyEntryDto)
  custody?: CustodyEntryDto[];
}

/**
 * An action on a request (DESIGN §3). Each action accepts only its own fields: any other
 * field answers 400, a missing required one 422. No field is nullable: null answers 400
 * (leave the field out instead).
 */
export class TransitionDto {
  @ApiProperty({ enum: REQUEST_ACTIONS.filter((a) => a !== 'expire') })
  @IsIn(REQUEST_ACTIONS.filter((a) => a !== 'expire'), { message: `action must be one of: ${REQUEST_ACTIONS.filter((a) => a !== 'expire').join(', ')}` })
  action: RequestAction;

  /** return, report_delay, withdraw. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) reason?: string;
  /** acknowledge, confirm_preservation, extend_preservation, start_execution. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) note?: string;
  /** acknowledge, start_execution: the officer of the requested authority who handles it. */
  @IsOptionalNotNull() @IsUUID() assigneeId?: string;
  /** confirm_preservation, extend_preservation: a date (YYYY-MM-DD, end of that day at the requested authority) or a date-time with Z or an offset. */
  @IsOptionalNotNull() @IsIsoDate(['date', 'zoned']) preservedUntil?: string;
  /** start_execution. */
  @IsOptionalNotNull() @IsString() @MaxLength(300) executingBody?: string;
  /** report_delay: the new expected date (YYYY-MM-DD). */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptionalNotNull() @IsIsoDate(['date']) expectedBy?: string;
  /** request_info, provide_info. */
  @IsOptionalNotNull() @IsString() @MaxLength(20000) message?: string;

  /** deliver_evidence: one or more items (none in a final delivery that only says "nothing more"). */
  @ApiPropertyOptional({ type: [EvidenceItemInputDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemInputDto)
  items?: EvidenceItemInputDto[];

  /** deliver_evidence: true when this delivery completes the execution. */
  @IsOptionalNotNull() @IsBoolean() final?: boolean;
  /** close. */
  @IsOptionalNotNull() @IsString() @MaxLength(5000) outcome?: string;
  /** close of a PRESERVED request: the follow-up request that continues it. */
  @IsOptionalNotNull() @IsUUID() followUpRequestId?: string;

  /** refuse: the ground. */
  @ApiPropertyOptional({ enum: REFUSAL_GROUNDS })
  @IsOptionalNotNull()
  @IsIn(REFUSAL_GROUNDS)
  ground?: RefusalGround;

  /** refuse: the reasons in words. */
  @IsOptionalNotNull() @IsString() @MaxLength(20000) text?: string;

  /** send to an OFFLINE authority (required then; refused for one on MLA Hub): how the letter was dispatched (DESIGN §14). */
  @ApiPropertyOptional({ type: TransmissionDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => TransmissionDto)
  transmission?: TransmissionDto;

  /**
   * An OFFLINE counterpart's act (acknowledge … refuse; provide_info, withdraw on a request
   * received from one), recorded by an officer of this side from its letter (DESIGN §14).
   */
  @ApiPropertyOptional({ type: RecordedFromDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => RecordedFromDto)
  recordedFrom?: RecordedFromDto;
  /**
   * send: how the letter is signed (DESIGN §4): SEAL with the sending authority's certificate,
   * or UPLOADED, the signed copy uploaded for this letter (POST /requests/{id}/signed-letter).
   * Left out: sealed when the authority has a certificate, else the uploaded copy; neither: 422 naming signedLetter.
   */
  @ApiPropertyOptional({ enum: SIGNED_LETTER_METHODS })
  @IsOptionalNotNull()
  @IsIn(SIGNED_LETTER_METHODS)
  signedLetter?: SignedLetterMethod;
}

/** Where @nestjs/swagger keeps a property's declared schema (its DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** The actions a client may take (`expire` is the system's own). */
export const CLIENT_ACTIONS: readonly RequestAction[] = REQUEST_ACTIONS.filter((a) => a !== 'expire');

const schemaName = (action: string) => `Transition${action.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}Dto`;

/**
 * One body schema per action, derived from the state machine's table: `action` fixed to it,
 * its required inputs required, its optional ones optional, nothing else (published as the
 * `oneOf` of POST /requests/{id}/transitions, keyed by `action`).
 */
function actionBody(action: RequestAction): ClassType<unknown> {
  const rule = TRANSITION_TABLE[action];
  const recordable = RECORDABLE_ACTIONS.includes(action) ? ['recordedFrom'] : [];
  const fields = ['action', ...rule.requiredInput, ...rule.optionalInput, ...recordable] as (keyof TransitionDto)[];
  const body = class extends PickType(TransitionDto, fields) {};
  Object.defineProperty(body, 'name', { value: schemaName(action) });
  ApiProperty({ enum: [action], type: String })(body.prototype, 'action');
  for (const field of rule.requiredInput) {
    const declared = Reflect.getMetadata(API_MODEL_PROPERTIES, TransitionDto.prototype, field) as ApiPropertyOptions | undefined;
    ApiProperty({ ...declared, required: true } as ApiPropertyOptions)(body.prototype, field);
  }
  return body;
}

export const TRANSITION_BODIES: Readonly<Record<string, ClassType<unknown>>> = Object.fromEntries(CLIENT_ACTIONS.map((a) => [a, actionBody(a)]));

/**
 * The body of POST /requests/{id}/transitions as OpenAPI: a `TransitionDto` (every action's
 * fields, as validated) that is `oneOf` the actions' own bodies, with `action` as discriminator.
 */
export function ApiTransitionBody(): MethodDecorator {
  const bodies = Object.values(TRANSITION_BODIES);
  return applyDecorators(
    ApiExtraModels(TransitionDto, ...bodies),
    ApiBody({
      schema: {
        description: 'One action and its own inputs (the schema named by `action`).',
        allOf: [{ $ref: getSchemaPath(TransitionDto) }],
        oneOf: bodies.map((b) => ({ $ref: getSchemaPath(b) })),
        discriminator: { propertyName: 'action', mapping: Object.fromEntries(Object.entries(TRANSITION_BODIES).map(([a, b]) => [a, getSchemaPath(b)])) },
      },
    }),
  );
}
