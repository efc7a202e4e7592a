/** deliver_evidence (DESIGN §6). */
import type { FieldError } from '@mla/core';
import { deadlineEffectsOf } from '@mla/domain';
import type { CustodyEntry } from '../request-content';
import { OTHER_SIDE_OF_REQUESTED, REQUESTED_OFFICER, transition } from './action-definition';
import { incomplete, ruleViolated } from './refusal';

export interface EvidenceItemInput {
  description: string;
  kind: string;
  sha256?: string;
  sizeBytes?: number;
  supersedesId?: string;
  custody?: CustodyEntry[];
}
export interface DeliverEvidenceInput { items: EvidenceItemInput[]; final: boolean; note?: string }

declare module './action-definition' {
  interface CommandInputs {
    deliver_evidence: DeliverEvidenceInput;
  }
}

/**
 * deliver_evidence: each item complete (a FILE with its SHA-256 and size), a superseded item
 * one of this request's; the delivery is numbered, its items written in the same statement,
 * each with its custody ending in this hand-over. Only a final delivery meets EXECUTION
 * (deadlineEffects()).
 */
export const deliverEvidence = transition<'deliver_evidence', DeliverEvidenceInput>(
  'deliver_evidence',
  {
    from: ['IN_EXECUTION'], to: 'BY_FINAL_FLAG', ...REQUESTED_OFFICER, types: { kind: 'except', types: ['PRESERVATION'] },
    requiredInput: ['items', 'final'],
    deadlines: deadlineEffectsOf({ meet: ['EXECUTION'] }),
    stamps: [], notify: { type: 'request.evidence_delivered', audience: OTHER_SIDE_OF_REQUESTED },
  },
  async ({ row, input, actor, now, ports }) => {
    const items = input.items;
    const missing: FieldError[] = [];
    items.forEach((item, i) => {
      if (item.kind === 'FILE' && !item.sha256) missing.push({ field: `items[${i}].sha256`, message: 'is required for a FILE' });
      if (item.kind === 'FILE' && item.sizeBytes === undefined) missing.push({ field: `items[${i}].sizeBytes`, message: 'is required for a FILE' });
      if (item.description.trim() === '') missing.push({ field: `items[${i}].description`, message: 'is required' });
    });
    if (missing.length > 0) throw incomplete('Evidence items lack required details', missing);
    const superseded = items.map((i) => i.supersedesId).filter((x): x is string => !!x);
    const known = await ports.evidence.existingIds(row.id, superseded);
    const unknown = items
      .map((item, i) => ({ item, i }))
      .filter(({ item }) => item.supersedesId && !known.has(item.supersedesId))
      .map(({ i }) => ({ field: `items[${i}].supersedesId`, message: 'names no evidence item of this request' }));
    if (unknown.length > 0) throw ruleViolated('A superseded item must be an earlier item of this request', unknown);

    const deliveryNo = row.deliveryCount + 1;
    const newItems = items.map((item) => ({
      description: item.description,
      kind: item.kind,
      sha256: item.sha256?.toLowerCase() ?? null,
      sizeBytes: item.sizeBytes ?? null,
      supersedesId: item.supersedesId ?? null,
      custody: [
        ...(item.custody ?? []),
        { from: row.requestedAuthorityCode, to: row.requestingAuthorityCode, at: now.toISOString(), note: `delivery ${deliveryNo}` },
      ],
    }));
    return {
      changes: { deliveryCount: deliveryNo },
      eventInput: { ...input, deliveryNo },
      notificationData: { deliveryNo, itemCount: items.length, final: input.final === true },
      alongside: (p) => [ports.evidence.insertDeliveryStatement(row.id, deliveryNo, newItems, actor?.userId as string, now, p)],
    };
  },
);
