import { z } from 'zod';
import type { Schemas } from '@/lib/api/client';
import { enums } from '@/lib/api/generated/api-values';

export type EvidenceKind = Schemas['EvidenceItemInputDto']['kind'];
export const EVIDENCE_KINDS: readonly EvidenceKind[] = enums.EvidenceItemInputDto.kind;

export interface EvidenceItemValues {
  kind: EvidenceKind;
  description: string;
  file: File | null;
  /** The file's SHA-256, computed in the browser once chosen. */
  sha256: string;
}

export interface DeliveryValues {
  items: EvidenceItemValues[];
  final: boolean;
}

export const newItem = (): EvidenceItemValues => ({ kind: EVIDENCE_KINDS[0] as EvidenceKind, description: '', file: null, sha256: '' });

/** What the API requires of a delivery: a description for every item, and a FILE's content (hashed) chosen. */
export function deliverySchema(requiredMessage: string): z.ZodType<DeliveryValues, DeliveryValues> {
  const item = z
    .object({ kind: z.enum(EVIDENCE_KINDS as [EvidenceKind, ...EvidenceKind[]]), description: z.string().trim().min(1, requiredMessage), file: z.custom<File | null>(), sha256: z.string() })
    .superRefine((it, ctx) => {
      if (it.kind === 'FILE' && (!it.file || !it.sha256)) ctx.addIssue({ code: 'custom', path: ['file'], message: requiredMessage });
    });
  return z.object({ items: z.array(item).min(1), final: z.boolean() }) as unknown as z.ZodType<DeliveryValues, DeliveryValues>;
}

/** The deliver_evidence body: each item, a FILE with its hash and size. */
export function deliveryBody(v: DeliveryValues) {
  return {
    final: v.final,
    items: v.items.map((it) => ({
      kind: it.kind,
      description: it.description.trim(),
      ...(it.kind === 'FILE' && it.file ? { sha256: it.sha256, sizeBytes: it.file.size } : {}),
    })),
  };
}
