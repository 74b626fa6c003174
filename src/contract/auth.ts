import { z } from 'zod';
import { idSchema, instantSchema, roleSchema } from './common';

/** POST /api/auth/login */
export const loginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(3, 'at least 3 characters').max(64),
  password: z.string().min(1, 'required').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in user as the SPA sees them. */
export const currentUserSchema = z.object({
  id: idSchema,
  tenantId: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  groupIds: z.array(idSchema),
  sipUser: z.string().nullable(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/**
 * Short-lived SIP credentials for the softphone, verified by Kamailio with a shared secret.
 * @remarks No SIP password ever lives in the browser beyond `expiresAt`.
 */
export const sipCredentialsSchema = z.object({
  server: z.string(),
  domain: z.string(),
  user: z.string(),
  username: z.string(),
  password: z.string(),
  expiresAt: instantSchema,
});
export type SipCredentialsDto = z.infer<typeof sipCredentialsSchema>;

/** Answer to login and to GET /api/auth/session. */
export const sessionResponseSchema = z.object({
  user: currentUserSchema,
  csrfToken: z.string(),
  expiresAt: instantSchema,
  sip: sipCredentialsSchema.nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
