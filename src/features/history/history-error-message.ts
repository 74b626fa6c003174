import type { MessageKey, MessageValues } from '../../i18n/i18n';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { LookupError } from '../../stores/lookup-error';

/** The agent's explanation of a failed history or customer search, in the UI language. */
export function historyErrorMessage(error: LookupError, t: (key: MessageKey, values?: MessageValues) => string): string {
  switch (error.kind) {
    case 'network':
      return t('history.error.network');
    case 'session-expired':
      return t('history.error.sessionExpired');
    case 'invalid-query':
      return t('history.error.invalidQuery');
    case 'not-found':
      return t('history.error.notFound');
    case 'forbidden':
      return t('history.error.forbidden');
    case 'service':
      return error.status === undefined ? t('history.error.unexpected') : t('history.error.service', { status: error.status });
    default:
      return exhaustiveSwitchError(error);
  }
}
