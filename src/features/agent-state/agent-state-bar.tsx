import { useId } from 'react';
import { Button } from '../../components/ui/button';
import type { RequiredRecordField } from '../../contract/desk-policy';
import type { AgentStateName } from '../../contract/events';
import type { MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useDesk } from '../../stores/desk-store-context';
import { agentStateLabel } from './agent-state-label';
import { formatDuration } from './format-duration';
import { NotReadyMenu } from './not-ready-menu';
import { useNow } from './use-now';

const pillTone: Record<AgentStateName, string> = {
  offline: 'bg-slate-100 text-slate-700 ring-slate-300',
  available: 'bg-emerald-100 text-emerald-900 ring-emerald-400',
  'not-ready': 'bg-amber-100 text-amber-900 ring-amber-400',
  'on-call': 'bg-sky-100 text-sky-900 ring-sky-400',
  'after-call-work': 'bg-violet-100 text-violet-900 ring-violet-400',
};

const fieldKey: Record<RequiredRecordField, MessageKey> = {
  categoryId: 'desk.field.categoryId',
  dispositionId: 'desk.field.dispositionId',
  notes: 'desk.field.notes',
};

/**
 * The agent's state and its controls: the state pill with the time in state, 受付可, 離席 with
 * the reason menu, and during after-call work the countdown and 後処理完了 (disabled, with
 * the missing record fields, until the record is complete). Also says what has not reached
 * the CTI service yet (未送信 n件).
 */
export function AgentStateBar() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const now = useNow();
  const missingId = useId();
  const agentState = useDesk((state) => state.agentState);
  const reason = useDesk((state) => state.reason);
  const since = useDesk((state) => state.since);
  const policy = useDesk((state) => state.policy);
  const policyUnavailable = useDesk((state) => state.policyUnavailable);
  const afterCallWork = useDesk((state) => state.afterCallWork);
  const next = useDesk((state) => state.next);
  const blockers = useDesk((state) => state.wrapUpBlockers);
  const pendingEvents = useDesk((state) => state.pendingEvents);
  const outbox = useDesk((state) => state.outbox);
  const stateSync = useDesk((state) => state.stateSync);
  const goAvailable = useDesk((state) => state.goAvailable);
  const goNotReady = useDesk((state) => state.goNotReady);
  const finishWrapUp = useDesk((state) => state.finishWrapUp);

  const offline = agentState === 'offline';
  const inCall = agentState === 'on-call' || agentState === 'after-call-work';
  const availablePressed = inCall ? next.state === 'available' : agentState === 'available';
  const notReadyPressed = inCall ? next.state === 'not-ready' : agentState === 'not-ready' && reason !== null;
  const chosenReason = inCall ? (next.state === 'not-ready' ? next.reason : null) : reason;
  const label = agentStateLabel(t, agentState, reason, policy, locale);
  const nextLabel = agentStateLabel(t, next.state, next.state === 'not-ready' ? next.reason : null, policy, locale);
  const missing = blockers.map((field) => t(fieldKey[field])).join(t('desk.wrapUp.separator'));

  return (
    <section aria-label={t('desk.state.region')} data-testid="agent-state-bar" className="flex flex-wrap items-center gap-3 rounded-2xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <p data-testid="agent-state" data-state={agentState} data-reason={reason ?? undefined} className={`flex items-baseline gap-2 rounded-full px-3 py-1 text-sm font-semibold ring-1 ${pillTone[agentState]}`}>
        <span data-testid="agent-state-label" aria-live="polite">
          {label}
        </span>
        <time aria-label={t('desk.state.timeInState')} className="font-mono font-normal tabular-nums">
          {formatDuration(now - since)}
        </time>
      </p>

      <Button tone={availablePressed ? 'success' : 'neutral'} data-testid="go-available" aria-pressed={availablePressed} disabled={offline} onClick={goAvailable}>
        {t('desk.action.available')}
      </Button>
      <NotReadyMenu reasons={policy?.notReadyReasons ?? []} chosen={chosenReason} pressed={notReadyPressed} disabled={offline} onChoose={goNotReady} />

      {agentState === 'after-call-work' && afterCallWork && (
        <>
          <p data-testid="wrap-up-countdown" className="font-mono text-sm tabular-nums text-violet-900">
            {afterCallWork.endsAt === null
              ? t('desk.wrapUp.manual')
              : afterCallWork.overdue || afterCallWork.endsAt <= now
                ? t('desk.wrapUp.overdue')
                : t('desk.wrapUp.remaining', { time: formatDuration(afterCallWork.endsAt - now) })}
          </p>
          <Button tone="primary" data-testid="finish-wrap-up" disabled={blockers.length > 0} aria-describedby={blockers.length > 0 ? missingId : undefined} onClick={() => void finishWrapUp()}>
            {t('desk.action.finishWrapUp')}
          </Button>
          {blockers.length > 0 && (
            <p id={missingId} data-testid="wrap-up-missing" aria-live="polite" className="text-sm font-medium text-rose-700">
              {t('desk.wrapUp.missing', { fields: missing })}
            </p>
          )}
        </>
      )}
      {inCall && (
        <p data-testid="next-state" className="text-sm text-slate-600">
          {t('desk.next.label', { state: nextLabel })}
        </p>
      )}

      <div className="ml-auto flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
        {pendingEvents > 0 && (
          <span data-testid="outbox-pending" className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900 ring-1 ring-amber-300">
            {t('desk.outbox.pending', { count: pendingEvents })}
          </span>
        )}
        {outbox.kind === 'retrying' && <span className="text-amber-800">{t('desk.outbox.retrying')}</span>}
        {outbox.kind === 'waiting-for-session' && <span className="text-amber-800">{t('desk.outbox.waitingForSession')}</span>}
        {stateSync.kind === 'retrying' && (
          <span data-testid="state-sync" className="text-amber-800">
            {t('desk.sync.retrying')}
          </span>
        )}
        {stateSync.kind === 'refused' && (
          <span data-testid="state-sync" role="alert" className="text-rose-700">
            {stateSync.error.kind === 'http' && stateSync.error.status === 400 && stateSync.change.reason !== undefined
              ? t('desk.sync.refusedReason')
              : t('desk.sync.refused', { status: stateSync.error.kind === 'network' ? '-' : stateSync.error.status })}
          </span>
        )}
        {policyUnavailable && <span className="text-amber-800">{t('desk.policy.unavailable')}</span>}
      </div>
    </section>
  );
}
