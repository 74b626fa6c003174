import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived SIP credentials, TURN-REST style, as Kamailio's `auth_ephemeral` verifies them.
 *
 * @remarks
 * The digest user name is `<unix expiry>:<sip user>` and the password is
 * `base64(HMAC-SHA1(shared secret, user name))`. Kamailio recomputes the password from the
 * user name with the same secret, refuses it after the expiry, and (with `autheph_check_to`)
 * refuses a user name whose user part is not the one registering. No SIP password is stored
 * anywhere; a leaked one stops working on its own.
 */
export interface SipCredentials {
  readonly username: string;
  readonly password: string;
  readonly expiresAt: Date;
}

const sipUserPattern = /^[0-9A-Za-z._-]{1,32}$/;

/** Issues credentials for SIP user `user`, valid for `ttlSeconds` from `now`. */
export function issueSipCredentials(user: string, secret: string, now: Date, ttlSeconds: number): SipCredentials {
  if (!sipUserPattern.test(user)) throw new Error(`not a SIP user part: ${user}`);
  if (secret.length === 0) throw new Error('empty shared secret');
  const expiry = Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
  const username = `${expiry}:${user}`;
  return { username, password: sign(username, secret), expiresAt: new Date(expiry * 1000) };
}

/** Checks credentials the way Kamailio does (used by tests and diagnostics). */
export function verifySipCredentials(
  username: string,
  password: string,
  secret: string,
  now: Date,
): { ok: true; user: string } | { ok: false; reason: 'malformed' | 'expired' | 'bad-signature' } {
  const match = /^(\d{1,12}):([0-9A-Za-z._-]{1,32})$/.exec(username);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(username, secret));
  const given = Buffer.from(password);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  if (Number(match[1]) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, user: match[2] };
}

function sign(username: string, secret: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}
