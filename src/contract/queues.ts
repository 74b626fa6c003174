import { z } from 'zod';
import { idSchema, instantSchema } from './common';

/**
 * A manual override of a queue's business hours (臨時: a supervisor opens it late or closes it
 * for an emergency); `schedule` lets the business-hours schedule decide again.
 */
export const hoursOverrideSchema = z.enum(['schedule', 'open', 'closed']);
export type HoursOverride = z.infer<typeof hoursOverrideSchema>;

/**
 * Live figures of a queue: calls waiting now and today's counts (Japan day).
 * @remarks `waiting` counts calls waiting for or ringing an agent; `answerRate` (応答率) is
 * answered / (answered + abandoned), `null` before the first of either today. Calls released
 * after hours count in `afterHoursToday` only.
 */
export const queueStatsSchema = z.object({
  waiting: z.number().int().min(0),
  /** When the call waiting longest entered the queue; `null` when nobody waits. */
  oldestWaitingSince: instantSchema.nullable(),
  /** Seconds the call waiting longest has waited, when the figures were taken. */
  longestWaitSeconds: z.number().int().min(0),
  offeredToday: z.number().int().min(0),
  answeredToday: z.number().int().min(0),
  abandonedToday: z.number().int().min(0),
  afterHoursToday: z.number().int().min(0),
  answerRate: z.number().min(0).max(1).nullable(),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;

/** A skill a queue requires of its agents, with the lowest level accepted (1–5). */
export const queueSkillSchema = z.object({
  code: z.string(),
  name: z.string(),
  minLevel: z.number().int().min(1).max(5),
});

/**
 * A queue (着信キュー) as GET /api/queues shows it: the dialled number, the group whose agents
 * take its calls, the skills they need, its timings, business hours and live figures.
 */
export const queueSchema = z.object({
  id: idSchema,
  /** The number callers dial (or the PBX routes to), e.g. `2001`. */
  number: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  groupId: idSchema,
  skills: z.array(queueSkillSchema),
  /** Seconds one agent's phone rings before the next agent is tried. */
  ringSeconds: z.number().int().positive(),
  /** Seconds a caller may wait for an agent before the queue-full message and release. */
  maxWaitSeconds: z.number().int().min(0),
  /** Number presented on outbound calls made for this queue; `null`: the agent's or the centre's. */
  outboundCallerId: z.string().nullable(),
  /** Whether this queue's calls are recorded (全通話録音). */
  recordCalls: z.boolean(),
  /** Whether agents may pause the recording of this queue's calls (a card number being read). */
  pauseAllowed: z.boolean(),
  /** Days this queue's recordings are kept after the call (1–1825; 180 by default). */
  retentionDays: z.number().int().min(1).max(1825),
  schedule: z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string() }),
  hoursOverride: hoursOverrideSchema,
  /** Whether the queue takes calls now (business hours, holidays and the override applied). */
  openNow: z.boolean(),
  stats: queueStatsSchema,
});
export type QueueDto = z.infer<typeof queueSchema>;

/** GET /api/queues — the actor's queues (administrators: all; supervisors and agents: their groups'). */
export const queueListSchema = z.object({ items: z.array(queueSchema) });
export type QueueList = z.infer<typeof queueListSchema>;

/** PUT /api/queues/:queueId/hours-override — supervisors of the queue's group and administrators. */
export const hoursOverrideChangeSchema = z.object({ override: hoursOverrideSchema });
export type HoursOverrideChange = z.infer<typeof hoursOverrideChangeSchema>;

/** The longest a queue may keep its recordings: five years. */
export const maxRetentionDays = 1825;

/**
 * PUT /api/queues/:queueId/recording-policy — administrators: whether the queue's calls are
 * recorded, whether agents may pause, and for how many days recordings are kept after the call.
 * Calls answered afterwards follow it; existing recordings keep their date.
 */
export const queueRecordingPolicySchema = z.object({
  recordCalls: z.boolean({ error: 'recordCalls must be true or false' }),
  pauseAllowed: z.boolean({ error: 'pauseAllowed must be true or false' }),
  retentionDays: z
    .number({ error: 'retentionDays must be a number of days' })
    .int('retentionDays must be a whole number of days')
    .min(1, 'retentionDays must be at least 1 day')
    .max(maxRetentionDays, `retentionDays must be at most ${maxRetentionDays} days (five years)`),
});
export type QueueRecordingPolicy = z.infer<typeof queueRecordingPolicySchema>;

/**
 * POST /api/queues/:queueId/recordings/extend — supervisors of the queue's group and
 * administrators keep every retained recording of the queue 180 days longer: how many were.
 */
export const queueRecordingsExtendedSchema = z.object({ extended: z.number().int().min(0) });
export type QueueRecordingsExtended = z.infer<typeof queueRecordingsExtendedSchema>;

/** The `queue` live event: a queue's figures changed (a call entered, rang, was answered or lost). */
export const queueEventPayloadSchema = z.object({
  type: z.literal('queue'),
  at: instantSchema,
  queueId: idSchema,
  queueNumber: z.string(),
  groupId: idSchema,
  stats: queueStatsSchema,
});

/** GET /api/calendar/holidays?year=YYYY — one year's days off under the holiday law (1948–2099). */
export const holidayQuerySchema = z.object({ year: z.coerce.number().int().min(1948).max(2099) });

/** A day off: a 祝日 (`national`), a 振替休日 (`substitute`) or a 国民の休日 (`citizens`). */
export const holidaySchema = z.object({
  date: z.iso.date(),
  nameJa: z.string(),
  nameEn: z.string(),
  kind: z.enum(['national', 'substitute', 'citizens']),
});
export type HolidayDto = z.infer<typeof holidaySchema>;

export const holidayListSchema = z.object({ year: z.number().int(), items: z.array(holidaySchema) });
export type HolidayList = z.infer<typeof holidayListSchema>;
