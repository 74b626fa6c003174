import type { CallSnapshot } from '../../telephony';

/**
 * How the other party of a call is named: `鈴木 一郎 (1002)`, or the number alone when there
 * is no display name or it only repeats the number (phone lines often send the number as the
 * name).
 */
export function partyLabel(call: Pick<CallSnapshot, 'remoteDisplayName' | 'remoteUser'>): string {
  const name = call.remoteDisplayName?.trim();
  if (!name || name === call.remoteUser) return call.remoteUser;
  return `${name} (${call.remoteUser})`;
}
