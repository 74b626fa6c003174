import type { MessageKey, MessageValues } from '../../i18n/i18n';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { LookupError } from '../../stores/lookup-error';

/** The agent's explanation of a failed FAQ read, in the UI language. */
export function faqErrorMessage(error: LookupError, t: (key: MessageKey, values?: MessageValues) => string): string {
  switch (error.kind) {
    case 'network':
      return t('faq.error.network');
    case 'session-expired':
      return t('faq.error.sessionExpired');
    case 'invalid-query':
      return t('faq.error.invalidQuery');
    case 'not-found':
      return t('faq.error.notFound');
    case 'forbidden':
      return t('faq.error.forbidden');
    case 'service':
      return error.status === undefined ? t('faq.error.unexpected') : t('faq.error.service', { status: error.status });
    default:
      return exhaustiveSwitchError(error);
  }
}
