import type { DeskPolicy } from '../../contract/desk-policy';
import type { AgentStateName } from '../../contract/events';
import type { Locale, MessageKey, MessageValues } from '../../i18n/i18n';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The name of a not-ready reason in the UI's language; the code itself when the policy does not know it. */
export function reasonName(code: string, policy: DeskPolicy | undefined, locale: Locale): string {
  const reason = policy?.notReadyReasons.find((candidate) => candidate.code === code);
  if (!reason) return code;
  return locale === 'ja' ? reason.nameJa : reason.nameEn;
}

/** How a state (with its not-ready reason) reads on the state pill: 受付可, 離席中 (昼休憩), 後処理中… */
export function agentStateLabel(t: Translate, state: AgentStateName, reason: string | null, policy: DeskPolicy | undefined, locale: Locale): string {
  switch (state) {
    case 'offline':
      return t('desk.state.offline');
    case 'available':
      return t('desk.state.available');
    case 'not-ready':
      return reason === null ? t('desk.state.notReady') : t('desk.state.notReadyReason', { reason: reasonName(reason, policy, locale) });
    case 'on-call':
      return t('desk.state.onCall');
    case 'after-call-work':
      return t('desk.state.afterCallWork');
  }
}
