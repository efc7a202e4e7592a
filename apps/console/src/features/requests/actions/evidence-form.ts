import { z } from 'zod';
import type { Schemas } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';

export type EvidenceKind = Schemas['EvidenceItemInputDto']['kind'];
export const EVIDENCE_KINDS: readonly EvidenceKind[] = enums.EvidenceItemInputDto.kind;
export type EvidenceTransfer = NonNullable<Schemas['EvidenceItemInputDto']['transfer']>;
export const EVIDENCE_TRANSFERS: readonly EvidenceTransfer[] = enums.EvidenceItemInputDto.transfer;

export interface EvidenceItemValues {
  kind: EvidenceKind;
  description: string;
  file: File | null;
  /** The file's SHA-256, computed in the browser once chosen. */
  sha256: string;
  /** A FILE: uploaded here after the delivery, or sent out of band (a disk by courier). */
  transfer: EvidenceTransfer;
  /** Out of band: the medium and route. */
  medium: string;
}

export interface DeliveryValues {
  items: EvidenceItemValues[];
  final: boolean;
}

export const newItem = (): EvidenceItemValues => ({ kind: EVIDENCE_KINDS[0] as EvidenceKind, description: '', file: null, sha256: '', transfer: 'UPLOAD', medium: '' });

/** What the API requires of a delivery: a description for every item, and a FILE's content (hashed) chosen. */
export function deliverySchema(requiredMessage: string): z.ZodType<DeliveryValues, DeliveryValues> {
  const item = z
    .object({
      kind: z.enum(EVIDENCE_KINDS as [EvidenceKind, ...EvidenceKind[]]),
      description: z.string().trim().min(1, requiredMessage),
      file: z.custom<File | null>(),
      sha256: z.string(),
      transfer: z.enum(EVIDENCE_TRANSFERS as [EvidenceTransfer, ...EvidenceTransfer[]]),
      medium: z.string().max(300),
    })
    .superRefine((it, ctx) => {
      if (it.kind === 'FILE' && (!it.file || !it.sha256)) ctx.addIssue({ code: 'custom', path: ['file'], message: requiredMessage });
    });
  return z.object({ items: z.array(item).min(1), final: z.boolean() }) as unknown as z.ZodType<DeliveryValues, DeliveryValues>;
}

/** A file's name as the API takes it: control and bidi-formatting characters (which the server refuses) replaced. */
export function safeName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069/\\]/g, '_').slice(0, 255) || 'file';
}

/** The FILE items whose file is uploaded here, with their position in the delivery. */
export function uploadsOf(v: DeliveryValues): { itemNo: number; file: File }[] {
  return v.items.flatMap((it, index) => (it.kind === 'FILE' && it.transfer === 'UPLOAD' && it.file ? [{ itemNo: index + 1, file: it.file }] : []));
}

/**
 * The deliver_evidence body: each item, a FILE with its hash, size, name and how it travels.
 * A delivery with files to upload is never final itself (the server refuses it: the files
 * are not there yet); the console makes it final once each file is verified.
 */
export function deliveryBody(v: DeliveryValues) {
  return {
    final: v.final && uploadsOf(v).length === 0,
    items: v.items.map((it) => ({
      kind: it.kind,
      description: it.description.trim(),
      ...(it.kind === 'FILE' && it.file
        ? {
            sha256: it.sha256,
            sizeBytes: it.file.size,
            fileName: safeName(it.file.name),
            ...(it.file.type ? { mediaType: it.file.type } : {}),
            transfer: it.transfer,
            ...(it.transfer === 'OUT_OF_BAND' && it.medium.trim() ? { medium: it.medium.trim() } : {}),
          }
        : {}),
    })),
  };
}
