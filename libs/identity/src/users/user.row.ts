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
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  authorityId: string | null;
  passwordHash: string;
}
