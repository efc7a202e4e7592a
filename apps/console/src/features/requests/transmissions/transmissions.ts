/** The refusal codes of a peer the panel words itself (transmissions:reject.*); any other reads as `other`, its code shown beside. */
export const WORDED_REJECTIONS = ['INVALID_TRANSITION', 'RULE_VIOLATED', 'NOT_FOUND', 'CONFLICT', 'VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;

export function rejectReasonKey(code: string): (typeof WORDED_REJECTIONS)[number] | 'other' {
  return (WORDED_REJECTIONS as readonly string[]).includes(code) ? (code as (typeof WORDED_REJECTIONS)[number]) : 'other';
}
