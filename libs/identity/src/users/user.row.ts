import type { Role } from '@mla/domain';

/** A user as read from the `users` table (schema: the migrations), without the password hash. */
export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** null for ADMIN. */
  authorityId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** When the user's first second factor was turned on; null: none (DESIGN §16). */
  mfaEnrolledAt?: Date | null;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  authorityId: string | null;
  passwordHash: string;
}

/** What an admin (or the user, for the password) may change on a user. */
export interface UserChanges {
  active?: boolean;
  role?: Role;
  authorityId?: string | null;
  passwordHash?: string;
}
