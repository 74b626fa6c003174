import { z } from 'zod';
import { idSchema, instantSchema } from './common';
import { queueEventPayloadSchema } from './queues';

/** Agent states (A6): offline → available ⇄ not-ready → on-call → after-call work. */
export const agentStateSchema = z.enum(['offline', 'available', 'not-ready', 'on-call', 'after-call-work']);
export type AgentStateName = z.infer<typeof agentStateSchema>;

/**
 * PUT /api/agents/me/state
 * @remarks `reason` counts only with `not-ready`, and must then be the `code` of one of the
 * tenant's active not-ready reasons (GET /api/agents/me/desk-policy), else 400 with a problem
 * on `body.reason`; not-ready without a reason is 受付停止, the state right after sign-in.
 */
export const agentStateChangeSchema = z.object({
  state: agentStateSchema,
  reason: z.string().trim().max(100).optional(),
});
export type AgentStateChange = z.infer<typeof agentStateChangeSchema>;

/** Phases of a call as the CTI service records them. */
export const callPhaseSchema = z.enum(['offered', 'answered', 'held', 'resumed', 'transferred', 'ended']);
export type CallPhase = z.infer<typeof callPhaseSchema>;

/**
 * Messages pushed on the live-events WebSocket (`/api/events`).
 * @remarks A supervisor receives only events of their groups; an administrator the whole
 * tenant; an agent only their own. A `queue` event (a queue's live figures) goes to the
 * supervisors of the queue's group and the administrators.
 */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('agent-state'),
    at: instantSchema,
    agentId: idSchema,
    agentName: z.string(),
    groupIds: z.array(idSchema),
    state: agentStateSchema,
    reason: z.string().nullable(),
  }),
  z.object({
    type: z.literal('call'),
    at: instantSchema,
    sipCallId: z.string(),
    agentId: idSchema.nullable(),
    groupId: idSchema.nullable(),
    phase: callPhaseSchema,
    direction: z.enum(['inbound', 'outbound']),
    remoteNumber: z.string().nullable(),
    /** The number of the queue the call came through (e.g. `2001`); `null` or absent: not through a queue. */
    queue: z.string().nullable().optional(),
  }),
  queueEventPayloadSchema,
  /**
   * The server-side recording of a call (全通話録音) started, was paused or resumed, or ended:
   * the agent's and the supervisors' recording flag (A8).
   */
  z.object({
    type: z.literal('recording'),
    at: instantSchema,
    sipCallId: z.string(),
    recordingId: idSchema,
    agentId: idSchema.nullable(),
    groupId: idSchema.nullable(),
    status: z.enum(['recording', 'paused', 'ended', 'failed']),
  }),
  /**
   * A supervisor started monitoring an agent's call, switched its mode, or ended it (通話監視,
   * B2): the supervisors' board and, only where the tenant's policy shows it
   * (`TSUNAGU_MONITORING_VISIBLE_TO_AGENTS`), the agent's monitoring flag.
   * @remarks `groupIds` are the agent's groups when the session started (whose supervisors
   * receive it); `ended: true` is the session's last event.
   */
  z.object({
    type: z.literal('monitoring'),
    at: instantSchema,
    sessionId: idSchema,
    agentId: idSchema,
    groupIds: z.array(idSchema),
    sipCallId: z.string(),
    mode: z.enum(['listen', 'whisper', 'barge']),
    ended: z.boolean(),
  }),
  z.object({ type: z.literal('hello'), at: instantSchema, subscriber: idSchema }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

/**
 * The call an agent is on, as a supervisor's board shows it (GET /api/agents).
 * @remarks The newest call of the agent's that has not ended, from the agent's call record;
 * `answeredAt` is `null` while it rings.
 */
export const agentCurrentCallSchema = z.object({
  sipCallId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string().nullable(),
  /** The number of the queue the call came through (e.g. `2001`); `null`: not through a queue. */
  queue: z.string().nullable(),
  phase: callPhaseSchema,
  startedAt: instantSchema,
  answeredAt: instantSchema.nullable(),
  /**
   * The call's server-side recording while it runs (録音中 / 一時停止中), so a board opened mid-call
   * flags it at once; `null`: none running (not recorded, or not started yet). Absent from older services.
   */
  recording: z.enum(['recording', 'paused']).nullable().optional(),
});
export type AgentCurrentCall = z.infer<typeof agentCurrentCallSchema>;

/**
 * An agent with their current state: GET /api/agents (supervisors and administrators) and
 * GET /api/agents/me/state (the signed-in user with a phone, e.g. to restore a reloaded desk).
 */
export const agentStatusSchema = z.object({
  agentId: idSchema,
  agentName: z.string(),
  displayName: z.string(),
  sipUser: z.string().nullable(),
  groupIds: z.array(idSchema),
  state: agentStateSchema,
  reason: z.string().nullable(),
  since: instantSchema,
  /** GET /api/agents only: the call the agent is on, `null` when none (a board opened mid-call shows it). */
  currentCall: agentCurrentCallSchema.nullable().optional(),
});
export type AgentStatusDto = z.infer<typeof agentStatusSchema>;

/** A group (所属) by name, as GET /api/agents lists the ones the viewer may see. */
export const agentGroupSchema = z.object({ id: idSchema, name: z.string() });
export type AgentGroup = z.infer<typeof agentGroupSchema>;

/** A not-ready reason's names, to show an agent's `reason` code on a supervisor's board. */
export const agentReasonNameSchema = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type AgentReasonName = z.infer<typeof agentReasonNameSchema>;

/**
 * GET /api/agents — the agents a supervisor (their groups) or administrator (the tenant) may
 * see, with their states and current calls.
 * @remarks `groups` names the viewer's visible groups and `reasons` the tenant's not-ready
 * reasons (retired ones included, as agents may still be in them), so a board can show names
 * rather than ids and codes.
 */
export const agentBoardListSchema = z.object({
  items: z.array(agentStatusSchema),
  groups: z.array(agentGroupSchema).optional(),
  reasons: z.array(agentReasonNameSchema).optional(),
});
export type AgentBoardList = z.infer<typeof agentBoardListSchema>;
