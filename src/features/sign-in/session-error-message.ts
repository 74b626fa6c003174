import type { MessageKey, MessageValues } from '../../i18n/i18n';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { SessionError } from '../../stores/session-status';

/** The message that explains a session error to the agent. */
export function sessionErrorMessage(error: SessionError): { key: MessageKey; values: MessageValues } {
  switch (error.kind) {
    case 'invalid-credentials':
      return { key: 'login.error.invalidCredentials', values: {} };
    case 'seat-limit':
      return { key: 'login.error.seatLimit', values: {} };
    case 'rate-limited':
      return { key: 'login.error.rateLimited', values: {} };
    case 'network':
      return { key: 'login.error.network', values: {} };
    case 'session-expired':
      return { key: 'login.error.sessionExpired', values: {} };
    case 'service':
      return error.status === undefined ? { key: 'login.error.unexpected', values: {} } : { key: 'login.error.service', values: { status: error.status } };
    default:
      return exhaustiveSwitchError(error);
  }
}
