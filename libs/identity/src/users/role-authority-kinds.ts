import type { AuthorityKind } from '../authorities/authority.row';
import type { Role } from '../principal';

/**
 * Which kinds of authority each role may belong to (DESIGN §2). Published in the OpenAPI
 * document (`x-role-authority-kinds` on CreateUserDto.authorityId), whence the console's
 * generated values take it: one list, the server's.
 */
export const ROLE_AUTHORITY_KINDS: Readonly<Record<Exclude<Role, 'ADMIN'>, readonly AuthorityKind[]>> = {
  PROSECUTOR: ['PROSECUTION_OFFICE'],
  OFFICER: ['CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
  SUPERVISOR: ['PROSECUTION_OFFICE', 'CENTRAL_AUTHORITY', 'CONTACT_POINT_24_7'],
};
