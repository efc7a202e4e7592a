/** The kinds of supporting documents attached to a request (DESIGN §4). */
export const SUPPORTING_DOCUMENT_KINDS = ['COURT_ORDER', 'WARRANT', 'TRANSLATION', 'LETTER_SIGNED', 'OTHER'] as const;
export type SupportingDocumentKind = (typeof SUPPORTING_DOCUMENT_KINDS)[number];
