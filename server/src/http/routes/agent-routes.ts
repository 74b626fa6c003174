import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../../../src/contract/errors';
import { deskPolicySchema } from '../../../../src/contract/desk-policy';
import { agentBoardListSchema, agentStateChangeSchema, agentStatusSchema } from '../../../../src/contract/events';
import type { AgentCurrentCall, AgentStatus } from '../../domain/live/agent-state-service';
import type { AppDependencies } from '../app';
import { requireActor } from '../request-context';
import { withFieldsIn } from './field-location';

function toDto(status: AgentStatus) {
  const { currentCall, ...rest } = status;
  return {
    ...rest,
    groupIds: [...status.groupIds],
    since: status.since.toISOString(),
    ...(currentCall === undefined ? {} : { currentCall: currentCall === null ? null : callDto(currentCall) }),
  };
}

function callDto(call: AgentCurrentCall) {
  return { ...call, startedAt: call.startedAt.toISOString(), answeredAt: call.answeredAt?.toISOString() ?? null };
}

/** Agent states and the desk policy: an agent reads and sets theirs; supervisors list their groups' agents. */
export function agentRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/api/agents/me/state',
      {
        schema: {
          tags: ['agents'],
          summary: 'Set my agent state',
          body: agentStateChangeSchema,
          response: { 200: agentStatusSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => toDto(await withFieldsIn('body', () => deps.agentStates.change(requireActor(request), request.body.state, request.body.reason))),
    );

    app.get(
      '/api/agents/me/state',
      {
        schema: {
          tags: ['agents'],
          summary: 'My agent state (to restore the desk after a reload)',
          response: { 200: agentStatusSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => toDto(await deps.agentStates.current(requireActor(request))),
    );

    app.get(
      '/api/agents/me/desk-policy',
      {
        schema: {
          tags: ['agents'],
          summary: "My centre's not-ready reasons and after-call-work policy",
          response: { 200: deskPolicySchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => deps.deskPolicy.forActor(requireActor(request)),
    );

    app.get(
      '/api/agents',
      {
        schema: {
          tags: ['agents'],
          summary: 'Agents of my groups with their states and current calls (the supervisor board)',
          response: { 200: agentBoardListSchema, 401: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const board = await deps.agentStates.board(requireActor(request));
        return { items: board.agents.map(toDto), groups: [...board.groups], reasons: [...board.reasons] };
      },
    );
  };
}
