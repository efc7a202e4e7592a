/**
 * The kinds of supporting documents attached to a request (DESIGN §4); CORRESPONDENCE (a scan
 * of a letter or e-mail exchanged with an OFFLINE counterpart, DESIGN §14) is attached later,
 * by this side's officers, in any non-terminal state.
 */
export const SUPPORTING_DOCUMENT_KINDS = ['COURT_ORDER', 'WARRANT', 'TRANSLATION', 'LETTER_SIGNED', 'OTHER', 'CORRESPONDENCE'] as const;
export type SupportingDocumentKind = (typeof SUPPORTING_DOCUMENT_KINDS)[number];
