import { z } from 'zod';
import { idSchema } from './common';

/** A reason an agent may give for not-ready (休憩, 昼休憩, 研修…), from the administrator's list. */
export const notReadyReasonSchema = z.object({
  id: idSchema,
  /** Stable code, sent as the `reason` of PUT /api/agents/me/state and shown on live events. */
  code: z.string().min(1).max(40),
  nameJa: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
});
export type NotReadyReason = z.infer<typeof notReadyReasonSchema>;

/** Call-record fields an agent must fill before leaving after-call work. */
export const requiredRecordFieldSchema = z.enum(['categoryId', 'dispositionId', 'notes']);
export type RequiredRecordField = z.infer<typeof requiredRecordFieldSchema>;

/**
 * GET /api/agents/me/desk-policy — how the signed-in agent's desk behaves (tenant policy).
 * @remarks Read once after sign-in; the softphone enforces it and the service checks the
 * not-ready reason again on every state change.
 */
export const deskPolicySchema = z.object({
  notReadyReasons: z.array(notReadyReasonSchema),
  afterCallWork: z.object({
    /** After this many seconds of after-call work the agent becomes available by itself; `null`: only by hand. */
    autoAvailableAfterSeconds: z.number().int().positive().nullable(),
    /** Fields the call record must have before the agent may leave after-call work. */
    requiredFields: z.array(requiredRecordFieldSchema),
  }),
});
export type DeskPolicy = z.infer<typeof deskPolicySchema>;
