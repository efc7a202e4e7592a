/** The four roles of DESIGN §2. */
export const ROLES = ['PROSECUTOR', 'OFFICER', 'SUPERVISOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
