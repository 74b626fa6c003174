import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import type { CallEndReason } from '../../telephony';
import { endReasonMessage } from './end-reason-message';

/** What the agent reads for `reason` in `locale`. */
function explained(reason: CallEndReason, locale: 'ja' | 'en'): string {
  const { key, values } = endReasonMessage(reason);
  return translate(locale, key, values);
}

describe('endReasonMessage', () => {
  it('explains a malformed outside number (484 Address Incomplete) in Japanese and English', () => {
    const reason: CallEndReason = { kind: 'rejected', status: 484, reason: 'Address Incomplete' };
    expect(explained(reason, 'ja')).toBe('番号が正しくありません。番号を確かめてかけ直してください (484)');
    expect(explained(reason, 'en')).toBe('The number is incomplete or not valid: check it and dial again (484)');
  });

  it('explains 503 (no gateway to the phone network, or the service down) whatever its reason phrase', () => {
    for (const phrase of ['No gateway to the phone network configured', 'Service Unavailable']) {
      const reason: CallEndReason = { kind: 'rejected', status: 503, reason: phrase };
      expect(explained(reason, 'ja')).toBe('回線が利用できないため、つながりませんでした。しばらくしてからおかけ直しください (503)');
      expect(explained(reason, 'en')).toBe('No line is available for this call right now: try again later (503)');
    }
  });

  it('tells a queue closed for the day and a queue whose wait limit passed by the PBX’s 480 reason phrases', () => {
    const closed: CallEndReason = { kind: 'rejected', status: 480, reason: 'Closed' };
    const waitLimit: CallEndReason = { kind: 'rejected', status: 480, reason: 'Queue Wait Limit Reached' };
    expect(explained(closed, 'ja')).toBe('受付時間外です (480)');
    expect(explained(closed, 'en')).toBe('Outside the queue’s business hours (480)');
    expect(explained(waitLimit, 'ja')).toBe('ただいま混み合っております。しばらくしてからおかけ直しください (480)');
    expect(explained(waitLimit, 'en')).toBe('The queue is busy and the wait limit was reached: try again later (480)');
  });

  it('keeps the agent message for any other 480, and the generic one for statuses without their own', () => {
    expect(explained({ kind: 'rejected', status: 480, reason: 'Temporarily Unavailable' }, 'ja')).toBe('相手は現在応答できません (480)');
    expect(explained({ kind: 'rejected', status: 480, reason: 'Closed for lunch' }, 'en')).toBe('The other party is not available (480)');
    expect(explained({ kind: 'rejected', status: 502, reason: 'Bad Gateway' }, 'en')).toBe('The call could not be placed (SIP 502 Bad Gateway)');
  });
});
