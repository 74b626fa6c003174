import { memo, type ReactNode } from 'react';
import type { AgentReasonName, AgentStateName } from '../../contract/events';
import type { QueueDto } from '../../contract/queues';
import type { Locale } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import { boardSelectors, type BoardAgent, type BoardRecordingStatus } from '../../stores/board-store';
import { boardStateLabel, displayNumber, formatElapsed, queueLabel } from './board-format';

/** Height of one agent row in px: the virtual list counts on every row being this tall. */
export const agentRowHeight = 44;

const stateTones: Record<AgentStateName, string> = {
  available: 'bg-emerald-100 text-emerald-900',
  'not-ready': 'bg-amber-100 text-amber-900',
  'on-call': 'bg-indigo-100 text-indigo-900',
  'after-call-work': 'bg-violet-100 text-violet-900',
  offline: 'bg-slate-200 text-slate-800',
};

/** One agent on the board: name, extension, state and time in it, and the call they are on. */
export const AgentRow = memo(function AgentRow({
  agent,
  rowIndex,
  now,
  reasons,
  queues,
  locale,
  recording,
  actions,
}: {
  agent: BoardAgent;
  /** The row's position among every row of the table (the header is 1), for assistive technology. */
  rowIndex: number;
  now: number;
  reasons: readonly AgentReasonName[];
  queues: readonly QueueDto[];
  locale: Locale;
  /** The shown call's recording flag (録音中 / 一時停止中); none when `undefined`. */
  recording?: BoardRecordingStatus | undefined;
  /** What the last cell holds (e.g. listen / whisper / barge); no cell without it. */
  actions?: ((agent: BoardAgent) => ReactNode) | undefined;
}) {
  const t = useT();
  const call = boardSelectors.currentCall(agent);
  const cell = 'truncate px-3 whitespace-nowrap';
  return (
    <tr
      aria-rowindex={rowIndex}
      data-testid="board-agent-row"
      data-extension={agent.sipUser ?? agent.agentName}
      style={{ height: agentRowHeight }}
      className="border-b border-slate-100 text-sm odd:bg-white even:bg-slate-50"
    >
      <th scope="row" className={`${cell} text-left font-medium`}>
        {agent.displayName}
      </th>
      <td className={`${cell} tabular-nums`}>{agent.sipUser ?? agent.agentName}</td>
      <td className={cell}>
        <span data-testid="board-agent-state" className={`rounded-full px-2 py-0.5 text-xs font-semibold ${stateTones[agent.state]}`}>
          {boardStateLabel(t, agent.state, agent.reason, reasons, locale)}
        </span>
      </td>
      <td className={`${cell} tabular-nums`} data-testid="board-agent-time">
        {/* An agent who never signed in has no state change to count from. */}
        {agent.since > 0 ? formatElapsed(now - agent.since) : '—'}
      </td>
      {call ? (
        <>
          <td className={`${cell} tabular-nums`} data-testid="board-call-number">
            {call.remoteNumber === null ? t('board.call.withheld') : displayNumber(call.remoteNumber)}
          </td>
          <td className={cell} data-testid="board-call-direction">
            {t(call.direction === 'inbound' ? 'board.direction.inbound' : 'board.direction.outbound')}
          </td>
          <td className={cell} data-testid="board-call-queue">
            {call.queue === null ? '' : queueLabel(t, call.queue, queues, locale)}
          </td>
          <td className={`${cell} tabular-nums`}>
            <span data-testid="board-call-duration">{call.answeredAt === null ? t('board.call.ringing') : formatElapsed(now - call.answeredAt)}</span>
            {call.phase === 'held' && <span className="ml-2 text-xs text-amber-800">{t('board.call.held')}</span>}
            {recording && (
              <span
                data-testid="board-recording-flag"
                data-status={recording}
                className={`ml-2 rounded-full border px-1.5 text-xs font-medium ${recording === 'recording' ? 'border-red-300 bg-red-50 text-red-800' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
              >
                {t(recording === 'recording' ? 'board.recording.recording' : 'board.recording.paused')}
              </span>
            )}
          </td>
        </>
      ) : (
        <td colSpan={4} className={`${cell} text-slate-500`}>
          <span className="sr-only">{t('board.call.none')}</span>
          <span aria-hidden="true">—</span>
        </td>
      )}
      {actions && <td className="px-3 whitespace-nowrap">{actions(agent)}</td>}
    </tr>
  );
});
