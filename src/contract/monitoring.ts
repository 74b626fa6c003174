import { z } from 'zod';
import { sipCallIdSchema } from './call-records';
import { idSchema, instantSchema } from './common';

/**
 * How a supervisor takes part in an agent's call (通話監視, B2).
 * - `listen` (モニタリング): the supervisor hears the customer and the agent; nobody hears the supervisor.
 * - `whisper` (ささやき): the agent also hears the supervisor; the customer does not.
 * - `barge` (割り込み): everyone hears everyone.
 */
export const monitoringModeSchema = z.enum(['listen', 'whisper', 'barge']);
export type MonitoringMode = z.infer<typeof monitoringModeSchema>;

/** The largest SDP offer accepted from a supervisor's browser (with ICE candidates, 2–5 KiB). */
export const maxMonitoringSdpLength = 16 * 1024;

/**
 * POST /api/monitoring/sessions: a supervisor steps into the call an agent is on.
 * @remarks Name the agent (`agentId`) or the call (`sipCallId`; with a call between two agents,
 * the agent too). `sdp` is the offer of the supervisor's audio leg (a browser's
 * `RTCPeerConnection` after ICE gathering, or a plain RTP phone's); the reply carries the answer.
 */
export const monitoringStartSchema = z
  .object({
    agentId: idSchema.optional(),
    sipCallId: sipCallIdSchema.optional(),
    mode: monitoringModeSchema.default('listen'),
    sdp: z.string().min(1, 'required').max(maxMonitoringSdpLength, 'the SDP offer is too long'),
  })
  .refine((start) => start.agentId !== undefined || start.sipCallId !== undefined, { message: 'name the agent (agentId) or the call (sipCallId)', path: ['agentId'] });
export type MonitoringStart = z.infer<typeof monitoringStartSchema>;

/** PATCH /api/monitoring/sessions/:id: switch between listen, whisper and barge during the call. */
export const monitoringChangeSchema = z.object({ mode: monitoringModeSchema });
export type MonitoringChange = z.infer<typeof monitoringChangeSchema>;

/** A monitoring session as the supervisor (and, where policy shows it, the agent) sees it. */
export const monitoringSessionSchema = z.object({
  id: idSchema,
  agentId: idSchema,
  agentName: z.string(),
  supervisorId: idSchema,
  supervisorName: z.string(),
  sipCallId: z.string(),
  mode: monitoringModeSchema,
  startedAt: instantSchema,
});
export type MonitoringSessionDto = z.infer<typeof monitoringSessionSchema>;

/**
 * Why a monitoring session ended.
 * - `stopped`: its supervisor ended it.
 * - `call-ended`: the monitored call ended (or its agent left it).
 * - `service-stopped`: the CTI service was shut down; it put the call's media back first.
 * - `service-restart`: the CTI service had stopped unexpectedly (its mixer was gone) and on
 *   starting again put the call's media back: the parties hear each other, the supervisor's
 *   leg is gone; the supervisor may start monitoring again.
 */
export const monitoringEndReasonSchema = z.enum(['stopped', 'call-ended', 'service-stopped', 'service-restart']);
export type MonitoringEndReason = z.infer<typeof monitoringEndReasonSchema>;

/**
 * GET /api/monitoring/sessions/:id: one session, running or ended (kept by the service), for
 * the supervisor who started it, the agent's groups' supervisors and administrators.
 * @remarks How a supervisor's browser learns that its session ended without it (the call
 * ended, the service restarted): `endedAt` and `endReason` are set.
 */
export const monitoringSessionStatusSchema = monitoringSessionSchema.extend({
  endedAt: instantSchema.nullable(),
  endReason: monitoringEndReasonSchema.nullable(),
});
export type MonitoringSessionStatus = z.infer<typeof monitoringSessionStatusSchema>;

/** The answer to POST /api/monitoring/sessions: the session and the SDP answer for the supervisor's leg. */
export const monitoringStartedSchema = z.object({ session: monitoringSessionSchema, sdp: z.string() });
export type MonitoringStarted = z.infer<typeof monitoringStartedSchema>;

/**
 * GET /api/monitoring/sessions: supervisors and administrators get the sessions on their
 * groups' calls; an agent gets the sessions on their own calls only when the tenant's policy
 * tells agents they are monitored (A8), else none.
 */
export const monitoringSessionListSchema = z.object({ items: z.array(monitoringSessionSchema) });
