/** A draft: created, edited, deleted; its supporting documents attached and removed (issue 13). */
import type { FieldError } from '@mla/core';
import type { AuthorityRow, Principal } from '@mla/identity';
import { DRAFT_FIELDS, fieldsWhere, REQUEST_FIELDS, type DraftField, type RequestChanges } from '../request-fields';
import type { RequestRow } from '../request-row';
import { canSee } from '../visibility';
import type { ActionPorts, SupportingDocument } from './action-ports';
import { command, REQUESTING_PROSECUTOR, type CommandPlan, type RuleContext } from './action-definition';
import { conflict, forbidden, notFound, ruleViolated } from './refusal';

/** A draft's content as the create and edit commands take it (REQUEST_FIELDS' draft fields). */
export type DraftContentInput = Partial<Pick<RequestRow, DraftField>>;
export type CreateInput = DraftContentInput & Pick<RequestRow, 'type' | 'legalBasis' | 'requestedAuthorityId'>;
export type EditInput = DraftContentInput;
export type DeleteInput = Record<string, never>;
export type AttachInput = Omit<SupportingDocument, 'id' | 'requestId' | 'uploadedBy' | 'eventSeq' | 'createdAt'> & { attachmentId: string };
export interface RemoveAttachmentInput { attachmentId: string }

declare module './action-definition' {
  interface CommandInputs {
    edit: EditInput;
    delete: DeleteInput;
    attach: AttachInput;
    remove_attachment: RemoveAttachmentInput;
  }
}

const OFFICER_KINDS = ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'];

/**
 * The requested authority: of another country, and a central authority or 24/7 point unless the
 * channel is DIRECT; a newly chosen one not retired from the directory (DESIGN §14: a retired
 * authority keeps its requests, but is chosen for no new one).
 */
export function checkRequestedAuthority(requested: AuthorityRow | null, requesting: AuthorityRow, channel: string, newlyChosen = true): AuthorityRow {
  const errors: FieldError[] = [];
  if (!requested) errors.push({ field: 'requestedAuthorityId', message: 'names no authority' });
  else if (newlyChosen && requested.retiredAt) {
    errors.push({ field: 'requestedAuthorityId', message: `${requested.code} is retired from the directory: choose another authority` });
  } else if (requested.country === requesting.country) {
    errors.push({ field: 'requestedAuthorityId', message: `must be an authority of another country than ${requesting.country}` });
  } else if (channel !== 'DIRECT' && !OFFICER_KINDS.includes(requested.kind)) {
    errors.push({ field: 'requestedAuthorityId', message: 'must be a central authority or 24/7 contact point (or use channel DIRECT)' });
  }
  if (errors.length > 0 || !requested) throw ruleViolated('The requested authority cannot receive this request', errors);
  return requested;
}

/** A follow-up continues a PRESERVATION request the caller can see, sent to the same country. */
export async function checkRelated(ports: ActionPorts, p: Principal, relatedId: string, type: string, requestedCountry: string): Promise<void> {
  const related = await ports.requests.findRow(relatedId);
  const field = 'relatedRequestId';
  if (!related || !canSee(p, related)) throw ruleViolated('The related request was not found', [{ field, message: 'names no request you can see' }]);
  if (related.type !== 'PRESERVATION') throw ruleViolated('A follow-up continues a preservation request', [{ field, message: 'must name a PRESERVATION request' }]);
  if (type === 'PRESERVATION') throw ruleViolated('A preservation request does not continue another one', [{ field, message: 'must be empty for type PRESERVATION' }]);
  if (related.requestedCountry !== requestedCountry) {
    throw ruleViolated('The follow-up must go to the country that preserved the data', [{ field, message: `names a request to ${related.requestedCountry}` }]);
  }
}

/**
 * create: the caller's authority still exists, the requested authority may receive the
 * request, and a follow-up continues a preservation of that country. Answers both authorities.
 */
export async function createRule(ports: ActionPorts, p: Principal, input: CreateInput): Promise<{ requesting: AuthorityRow; requested: AuthorityRow }> {
  const found = await ports.authorities.findByIds([p.authorityId as string, input.requestedAuthorityId]);
  const requesting = found.find((a) => a.id === p.authorityId);
  if (!requesting) throw forbidden('Your authority no longer exists');
  const requested = checkRequestedAuthority(found.find((a) => a.id === input.requestedAuthorityId) ?? null, requesting, input.channel ?? 'CENTRAL_AUTHORITY');
  if (input.relatedRequestId) await checkRelated(ports, p, input.relatedRequestId, input.type, requested.country);
  return { requesting, requested };
}

/**
 * A new draft's row, as a read would answer it: every field's initial value (REQUEST_FIELDS),
 * the content given, the two authorities; its reference and chain are filled in by the insert
 * and the history.
 */
export function newDraftRow(input: CreateInput, at: { id: string; now: Date; createdBy: string | null; requesting: AuthorityRow; requested: AuthorityRow }): RequestRow {
  const row = Object.fromEntries(
    fieldsWhere('selected').map((name) => [name, (DRAFT_FIELDS as readonly string[]).includes(name) ? ((input as Record<string, unknown>)[name] ?? REQUEST_FIELDS[name].initial()) : REQUEST_FIELDS[name].initial()]),
  ) as unknown as RequestRow;
  const { requesting, requested } = at;
  return {
    ...row,
    id: at.id,
    reference: '',
    requestingAuthorityId: requesting.id,
    requestedAuthorityId: requested.id,
    requestingCountry: requesting.country,
    requestedCountry: requested.country,
    createdBy: at.createdBy,
    // Written in the requesting authority's language unless said otherwise.
    language: input.language ?? requesting.language.slice(0, 2).toLowerCase(),
    createdAt: at.now,
    updatedAt: at.now,
    requestingAuthorityCode: requesting.code,
    requestingAuthorityName: requesting.name,
    requestingAuthorityTimezone: requesting.timezone,
    requestingAuthorityReach: requesting.reach,
    requestedAuthorityCode: requested.code,
    requestedAuthorityName: requested.name,
    requestedAuthorityTimezone: requested.timezone,
    requestedAuthorityReach: requested.reach,
  };
}

/**
 * edit: a draft's content changes (PATCH: the fields of the body, at least one); a new
 * requested authority or channel is checked, and a follow-up still continues a preservation
 * of the requested country.
 */
export const edit = command<'edit', EditInput>(
  'edit',
  { from: ['DRAFT'], ...REQUESTING_PROSECUTOR, recorded: true, notify: null, optionalInput: DRAFT_FIELDS },
  async ({ row, input, actor, ports }) => {
    const changes: RequestChanges = {};
    for (const [field, value] of Object.entries(input)) if (value !== undefined) (changes as Record<string, unknown>)[field] = value;
    const type = input.type ?? row.type;
    const channel = input.channel ?? row.channel;
    let requestedCountry = row.requestedCountry;
    let view: CommandPlan['view'];
    if (input.requestedAuthorityId !== undefined || input.channel !== undefined) {
      const requestedId = input.requestedAuthorityId ?? row.requestedAuthorityId;
      const found = await ports.authorities.findByIds([row.requestingAuthorityId, requestedId]);
      const requesting = found.find((a) => a.id === row.requestingAuthorityId) as AuthorityRow;
      const requested = checkRequestedAuthority(found.find((a) => a.id === requestedId) ?? null, requesting, channel, requestedId !== row.requestedAuthorityId);
      requestedCountry = requested.country;
      changes.requestedCountry = requested.country;
      view = { requestedAuthorityCode: requested.code, requestedAuthorityName: requested.name, requestedAuthorityTimezone: requested.timezone, requestedAuthorityReach: requested.reach };
    }
    const relatedId = input.relatedRequestId === undefined ? row.relatedRequestId : input.relatedRequestId;
    if (relatedId && (input.relatedRequestId !== undefined || input.type !== undefined || input.requestedAuthorityId !== undefined)) {
      await checkRelated(ports, actor as Principal, relatedId, type, requestedCountry);
    }
    // The history records what changed: the console saves the whole form, most of it as it was.
    return { changes, view, eventInput: changedFields(row, input) };
  },
);

/** JSON with sorted keys: two values equal whatever their keys' order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The fields of an edit whose value differs from the draft's. */
export function changedFields(row: RequestRow, input: object): Record<string, unknown> {
  const before = row as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(input).filter(([field, value]) => value !== undefined && sortedJson(value) !== sortedJson(before[field])));
}

/** delete: a draft is hidden from then on; its history stays. */
export const deleteDraft = command<'delete', DeleteInput>(
  'delete',
  { from: ['DRAFT'], ...REQUESTING_PROSECUTOR, recorded: true, notify: null },
  ({ now }) => ({ changes: { deletedAt: now }, eventInput: {} }),
);

/** What the chain records of a document: everything but where the store keeps it. */
function recorded(a: Omit<AttachInput, 'contentRef'>) {
  return { attachmentId: a.attachmentId, kind: a.kind, language: a.language, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256 };
}

/**
 * attach: a supporting document (court order, warrant, translation…) joins a draft; from
 * submit on they are frozen. Its row is written with its event (and, by FileStore.put, with
 * its bytes); a file already attached to the request (same SHA-256) is not attached twice.
 */
export const attach = command<'attach', AttachInput>(
  'attach',
  {
    from: ['DRAFT'], ...REQUESTING_PROSECUTOR, recorded: true, notify: null,
    requiredInput: ['attachmentId', 'kind', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef'],
  },
  attachRule,
);

/** A document's row written with its event; the same file (SHA-256) is never attached twice. */
export async function attachRule({ row, input, actor, now, seq, ports }: RuleContext<AttachInput>): Promise<CommandPlan> {
  const same = await ports.documents.findBySha256(row.id, input.sha256);
  if (same) throw conflict(`This file is already attached to the request as "${same.fileName}"`, { attachmentId: same.id });
  const { attachmentId, ...document } = input;
  const stored = { ...document, id: attachmentId, requestId: row.id, uploadedBy: actor?.userId as string, eventSeq: seq };
  return { eventInput: recorded(input), alongside: (p) => [ports.documents.insertStatement(stored, now, p)] };
}

/** remove_attachment: a supporting document leaves a draft (its file with it: AttachmentsService); the chain keeps what it was. */
export const removeAttachment = command<'remove_attachment', RemoveAttachmentInput>(
  'remove_attachment',
  { from: ['DRAFT'], ...REQUESTING_PROSECUTOR, recorded: true, notify: null, requiredInput: ['attachmentId'] },
  async ({ row, input, ports }) => {
    const found = await ports.documents.find(row.id, input.attachmentId);
    if (!found) throw notFound('Supporting document');
    return {
      eventInput: recorded({ ...found, attachmentId: found.id }),
      alongside: (p) => [ports.documents.deleteStatement(found.id, p)],
    };
  },
);
