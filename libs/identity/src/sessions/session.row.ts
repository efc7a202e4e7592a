import type { Role } from '@mla/domain';

export const SESSION_TRANSPORTS = ['bearer', 'cookie'] as const;
/** How the client carries the session: an Authorization header, or the console's HttpOnly cookie. */
export type SessionTransport = (typeof SESSION_TRANSPORTS)[number];

/** Why a session ended (sessions.revoked_reason). */
export type SessionEndReason = 'logout' | 'deactivated' | 'reactivated' | 'role_changed' | 'authority_changed' | 'password_reset' | 'password_changed' | 'mfa_reset';

/** A session and the live state of its user, as one call's check reads them (schema: the migrations). */
export interface SessionState {
  id: string;
  userId: string;
  /** The session's epoch: it is live only while this equals the user's. */
  epoch: number;
  expiresAt: Date;
  revokedAt: Date | null;
  userEpoch: number;
  userActive: boolean;
  userRole: Role;
  userAuthorityId: string | null;
  /** When the second factor was last given on this session (null: never). */
  mfaAt: Date | null;
  /** Whether the user has a second factor on. */
  userMfaEnrolled: boolean;
  /** The user's e-mail, their authority's code and country as they are now: who calls, never the token's claims. */
  userEmail: string;
  authorityCode: string | null;
  authorityCountry: string | null;
}

export interface NewSession {
  userId: string;
  /** The user's session_epoch read with the password hash: the insert fails if it moved since. */
  epoch: number;
  transport: SessionTransport;
  createdAt: Date;
  expiresAt: Date;
  clientAddress: string | null;
  userAgent: string | null;
  /** When the second factor was given, for a sign-in that needed one. */
  mfaAt?: Date | null;
}
