import { http } from 'msw';
import { deskPolicySchema } from '../../contract/desk-policy';
import { agentBoardListSchema, agentStateChangeSchema, agentStatusSchema, type AgentCurrentCall, type AgentStateName, type AgentStatusDto } from '../../contract/events';
import { demoGroupIds, type DemoAccount } from './demo-directory';
import { mockCallRecords } from './mock-call-records';
import { mockDatabase } from './mock-database';
import { mockDeskPolicy } from './mock-desk-policy';
import { contractResponse, errorResponse, readBody, signedInSession } from './mock-http';

const withoutPhone = 'only users with a phone have an agent state';

/**
 * Stores an agent's state and tells the supervisors (live event), as the service does on
 * PUT me/state, at sign-in (not ready without a reason) and at sign-out (offline).
 */
export function setAgentState(account: DemoAccount, state: AgentStateName, reason: string | null): void {
  const since = mockDatabase.now();
  mockDatabase.agentStates.set(account.id, { state, reason, since });
  mockDatabase.publish({
    type: 'agent-state',
    at: new Date(since).toISOString(),
    agentId: account.id,
    agentName: account.displayName,
    groupIds: [...account.groupIds],
    state,
    reason,
  });
}

function statusOf(account: DemoAccount): AgentStatusDto {
  const current = mockDatabase.agentStates.get(account.id);
  return {
    agentId: account.id,
    agentName: account.username,
    displayName: account.displayName,
    sipUser: account.sipUser,
    groupIds: [...account.groupIds],
    state: current?.state ?? 'offline',
    reason: current?.reason ?? null,
    since: new Date(current?.since ?? mockDatabase.now()).toISOString(),
  };
}

/** The demo groups (所属) by name, as the service's seed names them. */
const demoGroups = [
  { id: demoGroupIds.tokyo, name: '東京第一グループ' },
  { id: demoGroupIds.osaka, name: '大阪サポートグループ' },
];

/** Like the service: the agent's newest record not ended yet, filed in a group the viewer sees, started within a day. */
function currentCallOf(account: DemoAccount, sees: (groupId: string) => boolean): AgentCurrentCall | null {
  const since = mockDatabase.now() - 24 * 3600_000;
  const open = mockCallRecords
    .all()
    .filter((record) => record.agentId === account.id && record.phase !== 'ended' && record.startedAt > since && sees(record.groupId))
    .sort((a, b) => b.startedAt - a.startedAt)[0];
  if (!open) return null;
  return {
    sipCallId: open.sipCallId,
    direction: open.direction,
    remoteNumber: open.remoteNumber,
    queue: open.queue,
    phase: open.phase,
    startedAt: new Date(open.startedAt).toISOString(),
    answeredAt: open.answeredAt === null ? null : new Date(open.answeredAt).toISOString(),
  };
}

/**
 * `/api/agents/*`: an agent reads and sets their state (published live) and reads the desk
 * policy; supervisors list their groups' agents with their current calls (the board).
 * @remarks Like the service, a not-ready reason must be an active code of the tenant's list
 * (400 on `body.reason` otherwise); not-ready without a reason (受付停止) is allowed.
 */
export const agentHandlers = [
  http.get('/api/agents/me/state', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const { account } = signedIn;
    if (account.role !== 'agent' && account.sipUser === null) return errorResponse(403, 'forbidden', withoutPhone);
    return contractResponse(agentStatusSchema, statusOf(account));
  }),

  http.get('/api/agents/me/desk-policy', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(deskPolicySchema, mockDeskPolicy.policy);
  }),

  http.put('/api/agents/me/state', async ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const { account } = signedIn;
    if (account.role !== 'agent' && account.sipUser === null) return errorResponse(403, 'forbidden', withoutPhone);
    const body = await readBody(request, agentStateChangeSchema);
    if (!body.ok) return body.response;
    const reason = body.value.state === 'not-ready' ? (body.value.reason ?? null) : null;
    if (reason !== null && !mockDeskPolicy.policy.notReadyReasons.some((known) => known.code === reason)) {
      return errorResponse(400, 'validation', 'some fields are invalid', [{ path: 'body.reason', message: 'not a not-ready reason of this tenant' }]);
    }
    setAgentState(account, body.value.state, reason);
    return contractResponse(agentStatusSchema, statusOf(account));
  }),

  http.get('/api/agents', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const viewer = signedIn.account;
    if (viewer.role === 'agent') return errorResponse(403, 'forbidden', 'the agent list is for supervisors and administrators');
    const sees = (groupId: string) => viewer.role === 'administrator' || viewer.groupIds.includes(groupId);
    const visible = mockDatabase.accounts.filter((account) => account.role === 'agent' && account.groupIds.some(sees));
    return contractResponse(agentBoardListSchema, {
      items: visible.map((account) => ({ ...statusOf(account), currentCall: currentCallOf(account, sees) })),
      groups: demoGroups.filter((group) => sees(group.id)),
      reasons: mockDeskPolicy.policy.notReadyReasons.map(({ code, nameJa, nameEn }) => ({ code, nameJa, nameEn })),
    });
  }),
];
