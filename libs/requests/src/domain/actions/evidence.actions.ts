/** deliver_evidence (DESIGN §6). */
import { AppException, type FieldError } from '@mla/core';
import { deadlineEffectsOf, type EvidenceTransfer } from '@mla/domain';
import type { CustodyEntry } from '../request-content';
import { evidenceContentRef } from '@mla/federation';
import { OTHER_SIDE_OF_REQUESTED, REQUESTED_OFFICER, transition } from './action-definition';
import type { MissingFile } from './action-ports';
import { incomplete, ruleViolated } from './refusal';

export interface EvidenceItemInput {
  description: string;
  kind: string;
  sha256?: string;
  sizeBytes?: number;
  supersedesId?: string;
  custody?: CustodyEntry[];
  /** How its bytes travel (OUT_OF_BAND when not said: recorded by hash and medium, as declared-only items were). */
  transfer?: EvidenceTransfer;
  medium?: string;
  fileName?: string;
  mediaType?: string;
}
export interface DeliverEvidenceInput { items?: EvidenceItemInput[]; final: boolean; note?: string }

declare module './action-definition' {
  interface CommandInputs {
    deliver_evidence: DeliverEvidenceInput;
  }
}

/** The fields an item lacks: a description; a FILE's, or an uploaded item's, SHA-256 and size. */
function lacking(items: EvidenceItemInput[]): FieldError[] {
  const missing: FieldError[] = [];
  items.forEach((item, i) => {
    const why = item.kind === 'FILE' ? 'is required for a FILE' : item.transfer === 'UPLOAD' ? 'is required for an item to be uploaded' : null;
    if (why && !item.sha256) missing.push({ field: `items[${i}].sha256`, message: why });
    if (why && item.sizeBytes === undefined) missing.push({ field: `items[${i}].sizeBytes`, message: why });
    if (item.description.trim() === '') missing.push({ field: `items[${i}].description`, message: 'is required' });
  });
  return missing;
}

/** 422 naming each item to be uploaded that has no verified file: a final delivery waits for them. */
function filesMissing(earlier: MissingFile[], own: number[]): AppException {
  const names = [...earlier.map((f) => `${f.deliveryNo}.${f.itemNo}`), ...own.map((i) => `items[${i}]`)];
  return new AppException(
    'RULE_VIOLATED',
    `A final delivery needs every item to be uploaded to have its verified file; missing: ${names.join(', ')}`,
    [
      ...earlier.map((f) => ({ field: 'final', message: `item ${f.deliveryNo}.${f.itemNo} (${f.description.slice(0, 80)}) has no verified file` })),
      ...own.map((i) => ({ field: `items[${i}].transfer`, message: 'an item to be uploaded cannot be in a final delivery: deliver it, upload its file, then deliver final' })),
    ],
    { missingFiles: earlier.map((f) => ({ id: f.id, deliveryNo: f.deliveryNo, itemNo: f.itemNo })) },
  );
}

/**
 * deliver_evidence: each item complete (a FILE, or an item to be uploaded, with its SHA-256
 * and size), a superseded item one of this request's; the delivery is numbered, its items
 * written in the same statement, each with its custody ending in this hand-over. A final
 * delivery may carry no items ("nothing more"), and is refused while an item to be uploaded
 * (this delivery's or an earlier one's, not superseded) has no verified file. Only a final
 * delivery meets EXECUTION (deadlineEffects()).
 */
export const deliverEvidence = transition<'deliver_evidence', DeliverEvidenceInput>(
  'deliver_evidence',
  {
    from: ['IN_EXECUTION'], to: 'BY_FINAL_FLAG', ...REQUESTED_OFFICER, types: { kind: 'except', types: ['PRESERVATION'] },
    requiredInput: ['final'], optionalInput: ['items'],
    deadlines: deadlineEffectsOf({ meet: ['EXECUTION'] }),
    stamps: [], notify: { type: 'request.evidence_delivered', audience: OTHER_SIDE_OF_REQUESTED },
  },
  async ({ row, input, actor, now, ports, fromPeer }) => {
    const items = input.items ?? [];
    if (items.length === 0 && input.final !== true) throw incomplete('A delivery that is not final carries at least one item', [{ field: 'items', message: 'is required' }]);
    const missing = lacking(items);
    if (missing.length > 0) throw incomplete('Evidence items lack required details', missing);
    const superseded = items.map((i) => i.supersedesId).filter((x): x is string => !!x);
    const known = await ports.evidence.existingIds(row.id, superseded);
    const unknown = items
      .map((item, i) => ({ item, i }))
      .filter(({ item }) => item.supersedesId && !known.has(item.supersedesId))
      .map(({ i }) => ({ field: `items[${i}].supersedesId`, message: 'names no evidence item of this request' }));
    if (unknown.length > 0) throw ruleViolated('A superseded item must be an earlier item of this request', unknown);
    // From the requested node (DESIGN §15): its files were checked there; here they are still arriving.
    if (input.final === true && !fromPeer) {
      const supersededNow = new Set(superseded);
      const earlier = (await ports.evidence.missingFiles(row.id)).filter((f) => !supersededNow.has(f.id));
      const own = items.flatMap((item, i) => (item.transfer === 'UPLOAD' ? [i] : []));
      if (earlier.length > 0 || own.length > 0) throw filesMissing(earlier, own);
    }

    const deliveryNo = row.deliveryCount + 1;
    const newItems = items.map((item) => ({
      description: item.description,
      kind: item.kind,
      sha256: item.sha256?.toLowerCase() ?? null,
      sizeBytes: item.sizeBytes ?? null,
      supersedesId: item.supersedesId ?? null,
      transfer: item.transfer ?? 'OUT_OF_BAND',
      medium: item.medium?.trim() || null,
      fileName: item.fileName ?? null,
      mediaType: item.mediaType?.toLowerCase() ?? null,
      custody: [
        ...(item.custody ?? []),
        { from: row.requestedAuthorityCode, to: row.requestingAuthorityCode, at: now.toISOString(), note: `delivery ${deliveryNo}` },
      ],
    }));
    return {
      changes: { deliveryCount: deliveryNo },
      eventInput: { ...input, deliveryNo },
      notificationData: { deliveryNo, itemCount: items.length, final: input.final === true },
      alongside: (p) => (newItems.length > 0 ? [ports.evidence.insertDeliveryStatement(row.id, deliveryNo, newItems, actor?.userId ?? null, now, p)] : []),
      // To a peer node: the files of the items uploaded to the hub, listed by hash (fetched once stored here).
      shared: {
        files: newItems
          .filter((i) => i.transfer === 'UPLOAD' && i.sha256 !== null && i.sizeBytes !== null)
          .map((i) => ({ sha256: i.sha256 as string, sizeBytes: i.sizeBytes as number, fileName: i.fileName ?? undefined, mediaType: i.mediaType ?? undefined, contentRef: evidenceContentRef(i.sha256 as string) })),
      },
    };
  },
);
