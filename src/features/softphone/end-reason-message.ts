import type { MessageKey, MessageValues } from '../../i18n/i18n';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import type { CallEndReason } from '../../telephony';

const knownStatuses = new Set([404, 408, 480, 484, 486, 487, 503, 603]);

/**
 * 480 reason phrases of the PBX's queues (pbx/README.md, "Calls to queue numbers"): a call to a
 * queue outside its business hours, or one that waited up to the queue's limit.
 */
const queueRefusals: Readonly<Record<string, MessageKey>> = {
  closed: 'ended.queue.closed',
  'queue wait limit reached': 'ended.queue.waitLimit',
};

/** The message key (and values) that explains to the agent why a call ended. */
export function endReasonMessage(reason: CallEndReason): { key: MessageKey; values?: MessageValues } {
  switch (reason.kind) {
    case 'hangup':
      return { key: reason.by === 'local' ? 'ended.hangup.local' : 'ended.hangup.remote' };
    case 'cancelled':
      return { key: reason.by === 'local' ? 'ended.cancelled.local' : 'ended.cancelled.remote' };
    case 'declined':
      return { key: 'ended.declined' };
    case 'rejected': {
      const queueRefusal = reason.status === 480 ? queueRefusals[reason.reason.trim().toLowerCase()] : undefined;
      if (queueRefusal !== undefined) return { key: queueRefusal };
      if (knownStatuses.has(reason.status)) return { key: `ended.rejected.${reason.status}` as MessageKey };
      return { key: 'ended.rejected.other', values: { status: reason.status, reason: reason.reason } };
    }
    case 'failed':
      if (/permission|notallowed|denied|notfound.*device|could not start audio/i.test(reason.message)) return { key: 'error.microphone' };
      return { key: 'ended.failed', values: { message: reason.message } };
    case 'transferred':
      return { key: 'ended.transferred', values: { target: userOf(reason.target) } };
    case 'replaced':
      return { key: 'ended.replaced' };
    default:
      return exhaustiveSwitchError(reason);
  }
}

/** The user part of a SIP URI (`sip:1003@example` → `1003`), as agents dial it. */
function userOf(uri: string): string {
  return /^sips?:([^@]+)@/.exec(uri)?.[1] ?? uri;
}
