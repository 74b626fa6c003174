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
  }),
  queueEventPayloadSchema,
  z.object({ type: z.literal('hello'), at: instantSchema, subscriber: idSchema }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

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
});
export type AgentStatusDto = z.infer<typeof agentStatusSchema>;
