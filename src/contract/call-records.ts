import { z } from 'zod';
import { idSchema, instantSchema, pageQuerySchema, pageSchema } from './common';
import { callPhaseSchema } from './events';

/** Who placed the call: the customer (inbound, 着信) or the agent (outbound, 発信). */
export const callDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof callDirectionSchema>;

/**
 * How a call ended.
 * @remarks `completed`, `abandoned` (inbound, never answered), `no-answer` (outbound, never
 * answered) and `transferred` are derived by the service; the softphone may state `rejected`,
 * `busy` or `failed` when SIP told it so (e.g. 486, 603, 5xx).
 */
export const callEndReasonSchema = z.enum(['completed', 'abandoned', 'no-answer', 'rejected', 'busy', 'failed', 'transferred']);
export type CallEndReason = z.infer<typeof callEndReasonSchema>;

/** A SIP Call-ID (RFC 3261 §8.1.1.4): printable ASCII without spaces. */
export const sipCallIdSchema = z.string().regex(/^[\x21-\x7e]{1,256}$/, 'not a SIP Call-ID');

/** A phone number in any common format, an extension, or `anonymous` (非通知). */
const partySchema = z.string().trim().min(1, 'required').max(64, 'at most 64 characters');

/** A calendar day, `YYYY-MM-DD`. */
export const daySchema = z.iso.date();

/**
 * PUT /api/call-records/by-call-id/:sipCallId/events — one call event from the agent's softphone.
 * @remarks Idempotent: the same phase at the same instant again changes nothing. Events may
 * arrive in any order; the record is derived from all of them. `remoteNumber` is `null` for a
 * withheld number (非通知). The record is the agent's side of the call, keyed by Call-ID and
 * `direction`: when one agent calls another, the caller's `outbound` events and the callee's
 * `inbound` events make two records, one each. On one side, events from another agent are
 * refused with 403, except `answered` on a side nobody has answered yet (a queue call rung at
 * several agents goes to the one who answers).
 */
export const callEventRequestSchema = z.object({
  phase: callPhaseSchema,
  at: instantSchema,
  direction: callDirectionSchema,
  remoteNumber: partySchema.nullable(),
  localNumber: partySchema.optional(),
  queue: z.string().trim().min(1).max(64).optional(),
  /** Where the call was transferred (extension, number or queue), with phase `transferred`. */
  transferredTo: partySchema.optional(),
  /** The Call-ID of the other leg of a transfer (the consultation call, or the new call). */
  linkedSipCallId: sipCallIdSchema.optional(),
  /** With phase `ended`, when SIP said why (486 → busy, 603 → rejected, 5xx → failed). */
  endReason: z.enum(['rejected', 'busy', 'failed']).optional(),
  /** The recorder's reference of this call's recording, when the softphone learns it. */
  recordingRef: z.string().trim().min(1).max(200).optional(),
});
export type CallEventRequest = z.infer<typeof callEventRequestSchema>;

/** Answer to a call event: where the record stands (no personal data, so no audited read). */
export const callEventResultSchema = z.object({
  callRecordId: idSchema,
  /** The version the agent's form sends back as `expectedVersion`. */
  version: z.number().int(),
  /** The call's current phase, after every event received so far. */
  phase: callPhaseSchema,
  /** False for a replay (or an event that changes nothing). */
  changed: z.boolean(),
});
export type CallEventResult = z.infer<typeof callEventResultSchema>;

/**
 * A call record (応対記録) as the SPA sees it: one side of a call.
 * @remarks A call between two agents has two records with the same `sipCallId`: the caller's
 * (`outbound`) and the callee's (`inbound`), each completed by its own agent.
 */
export const callRecordSchema = z.object({
  id: idSchema,
  /** With `direction`, names the record: one per side of a call. */
  sipCallId: z.string(),
  groupId: idSchema,
  agentId: idSchema.nullable(),
  agentName: z.string().nullable(),
  direction: callDirectionSchema,
  /** E.164 (`+81312345678`) for a phone number, else the extension; `null` when withheld. */
  remoteNumber: z.string().nullable(),
  localNumber: z.string().nullable(),
  customerId: idSchema.nullable(),
  customerName: z.string().nullable(),
  queue: z.string().nullable(),
  phase: callPhaseSchema,
  /** The earliest event of the call: the sort key of every list. */
  startedAt: instantSchema,
  offeredAt: instantSchema.nullable(),
  answeredAt: instantSchema.nullable(),
  endedAt: instantSchema.nullable(),
  /** Talk time, answer to end (hold included); `null` until both are known. */
  durationSeconds: z.number().int().nullable(),
  heldSeconds: z.number().int(),
  endReason: callEndReasonSchema.nullable(),
  transferredTo: z.string().nullable(),
  /**
   * The other leg of a transfer (another `sipCallId`); else, for a call between two agents,
   * the other side's record (the same `sipCallId`, the other direction).
   */
  linkedCallId: idSchema.nullable(),
  recordingRef: z.string().nullable(),
  categoryId: idSchema.nullable(),
  notes: z.string(),
  dispositionId: idSchema.nullable(),
  followUpAt: daySchema.nullable(),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type CallRecordDto = z.infer<typeof callRecordSchema>;

/** Longest note an agent may keep on a call. */
export const maxCallNotesLength = 10_000;

/**
 * PATCH /api/call-records/:id — the agent's part of the record.
 * @remarks `expectedVersion` is the `version` the form was loaded with; a stale one is refused
 * with 409 `conflict` so no one's edit is silently lost. Omitted fields stay as they are;
 * `null` clears a field.
 */
export const callRecordPatchSchema = z.object({
  expectedVersion: z.number().int().min(1),
  categoryId: idSchema.nullable().optional(),
  notes: z.string().max(maxCallNotesLength, `at most ${maxCallNotesLength} characters`).optional(),
  dispositionId: idSchema.nullable().optional(),
  followUpAt: daySchema.nullable().optional(),
  customerId: idSchema.nullable().optional(),
});
export type CallRecordPatch = z.infer<typeof callRecordPatchSchema>;

/** A day (whole day in Asia/Tokyo) or an exact instant. */
const boundSchema = z.union([daySchema, instantSchema]);

/** Filters shared by the record search and the CSV export. */
export const callRecordFilterSchema = z.object({
  /** From this day (00:00 Tokyo) or instant, inclusive. */
  from: boundSchema.optional(),
  /** Up to this day (inclusive, to 24:00 Tokyo) or instant (exclusive). */
  to: boundSchema.optional(),
  agentId: idSchema.optional(),
  /** The other party's number in any format (`03-1234-5678`, `+81 3…`) or an extension. */
  number: partySchema.optional(),
  customerId: idSchema.optional(),
  categoryId: idSchema.optional(),
  dispositionId: idSchema.optional(),
  /** Words in the notes (Japanese too), matched as a substring. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type CallRecordFilter = z.infer<typeof callRecordFilterSchema>;

/** GET /api/call-records — newest first. */
export const callRecordSearchQuerySchema = pageQuerySchema.extend(callRecordFilterSchema.shape);
export type CallRecordSearchQuery = z.infer<typeof callRecordSearchQuerySchema>;

export const callRecordPageSchema = pageSchema(callRecordSchema);
export type CallRecordPage = z.infer<typeof callRecordPageSchema>;

/** GET /api/call-records/export.csv — same filters; `lang` picks the header language. */
export const callRecordExportQuerySchema = callRecordFilterSchema.extend({
  lang: z.enum(['ja', 'en']).default('ja'),
});
export type CallRecordExportQuery = z.infer<typeof callRecordExportQuerySchema>;

/** An inquiry category (問い合わせ分類) or a disposition (対応結果), in both languages. */
export const callCodeSchema = z.object({
  id: idSchema,
  nameJa: z.string(),
  nameEn: z.string(),
  /** Inactive codes stay on old records but are not offered for new ones. */
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type CallCode = z.infer<typeof callCodeSchema>;

/** GET /api/call-records/categories and /dispositions. */
export const callCodeListSchema = z.object({ items: z.array(callCodeSchema) });
export type CallCodeList = z.infer<typeof callCodeListSchema>;
