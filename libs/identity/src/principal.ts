import type { Role } from '@mla/domain';
import type { SessionTransport } from './sessions/session.row';

export { ROLES, type Role } from '@mla/domain';

/** The authenticated caller, as carried by the bearer token. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  /** null for ADMIN, who belongs to no authority. */
  authorityId: string | null;
  /** The code of the caller's authority (e.g. VN-CA); null for ADMIN. */
  authorityCode: string | null;
  /** The country of the caller's authority; null for ADMIN. */
  country: string | null;
  /** The session the call rides on (set by the guard). */
  sessionId?: string;
  /** How the session is carried: bearer header or the console's cookie. */
  transport?: SessionTransport;
  /** The second factor on this session (set by the guard; DESIGN §16). */
  mfa?: PrincipalMfa;
}

export interface PrincipalMfa {
  /** The user has a factor on. */
  enrolled: boolean;
  /** When the factor was last given on this session (sign-in, step-up, enrolment); null: never. */
  verifiedAt: Date | null;
  /** The role must have a factor and the user has none: the session serves only enrolment. */
  enrolmentRequired: boolean;
}
