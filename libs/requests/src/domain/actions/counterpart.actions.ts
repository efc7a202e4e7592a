/**
 * This side's work with a counterpart that is not on this node (DESIGN §14): the scans of
 * the correspondence exchanged, and the chasers sent. The counterpart's own acts are the
 * actions of the table, recorded by this side's officer (`recordedFrom`, see ../recording.ts).
 */
import type { TransmissionChannel } from '@mla/domain';
import { ballHolder } from '../ball-holder';
import { checkDispatchedAt } from '../recording-dates';
import { offlineSideOf } from '../counterpart-sides';
import { command, NON_TERMINAL } from './action-definition';
import { attachRule, type AttachInput } from './draft.actions';
import { conflict, ruleViolated } from './refusal';

export interface ChaseInput {
  channel: TransmissionChannel;
  /** ISO 8601 date-time: when the chaser left. */
  dispatchedAt: string;
  reference: string;
}

declare module './action-definition' {
  interface CommandInputs {
    attach_correspondence: AttachInput;
    chase: ChaseInput;
  }
}

const SINCE_SUBMITTED = NON_TERMINAL.filter((s) => s !== 'DRAFT');

/**
 * attach_correspondence: a scan of a letter or e-mail exchanged with the OFFLINE counterpart
 * joins the request (any non-terminal state), by an officer of the side facing it, through
 * the same upload as any document (streamed, hashed); seen by that side only.
 */
export const attachCorrespondence = command<'attach_correspondence', AttachInput>(
  'attach_correspondence',
  {
    from: SINCE_SUBMITTED, role: 'OFFICER', side: 'KEEPER', recorded: true, ownSide: true, notify: null,
    requiredInput: ['attachmentId', 'kind', 'language', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'contentRef'],
  },
  async (ctx) => {
    if (ctx.input.kind !== 'CORRESPONDENCE') throw ruleViolated('Only correspondence is attached after submit', [{ field: 'kind', message: 'must be CORRESPONDENCE' }]);
    return attachRule(ctx);
  },
);

/**
 * chase: one chaser (follow-up note) sent to the OFFLINE counterpart while an act of it is
 * awaited; the state stays; the chase interval restarts from its dispatch (the pipeline).
 */
export const chase = command<'chase', ChaseInput>(
  'chase',
  {
    from: SINCE_SUBMITTED, role: 'OFFICER', side: 'KEEPER', recorded: true, ownSide: true, notify: null,
    requiredInput: ['channel', 'dispatchedAt', 'reference'],
  },
  ({ row, input, now }) => {
    const offline = offlineSideOf(row);
    if (offline === null || ballHolder(row.state) !== offline) {
      throw conflict(`Nothing is awaited of ${offline === 'REQUESTING' ? row.requestingAuthorityCode : row.requestedAuthorityCode} in state ${row.state}: there is nothing to chase`);
    }
    checkDispatchedAt('dispatchedAt', input.dispatchedAt, now);
    const dispatchedAt = new Date(input.dispatchedAt);
    return {
      changes: { chaseCount: row.chaseCount + 1, lastChasedAt: dispatchedAt },
      eventInput: { channel: input.channel, dispatchedAt: dispatchedAt.toISOString(), reference: input.reference, chaseNo: row.chaseCount + 1 },
    };
  },
);
