import { AppException } from '@mla/core';
import type { AttachmentsRepository } from '../../attachments/attachments.repository';
import type { CommandPlan, RuleContext } from '../command.types';

/** What the chain records of a document: everything but where the store keeps it. */
function recorded(a: { attachmentId: unknown; kind: unknown; language: unknown; fileName: unknown; mediaType: unknown; sizeBytes: unknown; sha256: unknown }) {
  return { attachmentId: a.attachmentId, kind: a.kind, language: a.language, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256 };
}

/**
 * attach: the document's row is written with its event (and, by FileStore.put, with its
 * bytes); a file already attached to the request (same SHA-256) is not attached twice.
 */
export const attachRule =
  (attachments: AttachmentsRepository) =>
  async ({ m, row, input, actor, now }: RuleContext): Promise<CommandPlan> => {
    const same = await attachments.findBySha256(m, row.id, input.sha256 as string);
    if (same) {
      throw new AppException('CONFLICT', `This file is already attached to the request as "${same.fileName}"`, undefined, { attachmentId: same.id });
    }
    const attachment = {
      id: input.attachmentId as string,
      requestId: row.id,
      kind: input.kind as never,
      language: input.language as string,
      fileName: input.fileName as string,
      mediaType: input.mediaType as string,
      sizeBytes: input.sizeBytes as number,
      sha256: input.sha256 as string,
      contentRef: input.contentRef as string,
      uploadedBy: actor?.userId as string,
      eventSeq: row.eventSeq + 1,
    };
    return { eventInput: recorded(input as never), alongside: (p) => [attachments.insertStatement(attachment, now, p)] };
  };

/** remove_attachment: the document's row goes (its file with it: AttachmentsService); the chain keeps what it was. */
export const removeAttachmentRule =
  (attachments: AttachmentsRepository) =>
  async ({ m, row, input }: RuleContext): Promise<CommandPlan> => {
    const found = await attachments.find(row.id, input.attachmentId as string, m);
    if (!found) throw AppException.notFound('Supporting document');
    return {
      eventInput: recorded({ ...found, attachmentId: found.id }),
      alongside: (p) => [attachments.deleteStatement(found.id, p)],
    };
  };
