import { z } from 'zod';
import {
  IdSchema,
  NameInputSchema,
  NameSchema,
  RevisionSchema,
  TimestampSchema,
  LIMITS,
} from './common.schema.js';

export const ROLES = ['admin', 'designer', 'reviewer', 'manager'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const EmailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

/** A user as the API and the browser see it: never a password hash. */
export const UserSchema = z.strictObject({
  id: IdSchema,
  email: EmailSchema,
  name: NameSchema,
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  disabled: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type User = z.infer<typeof UserSchema>;

/**
 * A person as the flow editor's "who may decide" picker sees them: name and roles, no email
 * (designers choose reviewers, they do not need their addresses).
 */
export const UserDirectoryEntrySchema = UserSchema.pick({
  id: true,
  name: true,
  roles: true,
  disabled: true,
});
export type UserDirectoryEntry = z.infer<typeof UserDirectoryEntrySchema>;

/** A user as the store keeps it. */
export const UserRecordSchema = UserSchema.extend({
  passwordHash: z.string().min(1).max(500),
});
export type UserRecord = z.infer<typeof UserRecordSchema>;

export const UserCreateSchema = z.strictObject({
  email: EmailSchema,
  name: NameInputSchema,
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  password: z.string().min(8, 'At least 8 characters').max(200),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.strictObject({
  /** The revision the admin read: a change made since then is not silently overwritten. */
  revision: RevisionSchema,
  name: NameInputSchema.optional(),
  roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8, 'At least 8 characters').max(200).optional(),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const LoginSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, 'Required').max(200),
});
export type Login = z.infer<typeof LoginSchema>;

/** An opaque, revocable session. The store keeps only the token's hash as `id`. */
export const SessionSchema = z.strictObject({
  id: z.string().min(16).max(LIMITS.name),
  userId: IdSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  revokedAt: TimestampSchema.nullable(),
  csrfToken: z.string().min(16).max(200),
});
export type Session = z.infer<typeof SessionSchema>;
