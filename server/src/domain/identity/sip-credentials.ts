import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived SIP digest credentials for one extension, as Kamailio's `auth_ephemeral` verifies them.
 *
 * @remarks
 * TURN-REST style (draft-uberti-rtcweb-turn-rest): the digest user name is
 * `<unix expiry>:<sip user>` and the password is `base64(HMAC-SHA1(shared secret, user name))`.
 * The softphone answers Kamailio's 401/407 challenges with them exactly as with a static
 * password. Kamailio recomputes the password from the user name, refuses it once the expiry
 * has passed, and (with `autheph_check_to`/`autheph_check_from`) refuses a REGISTER or call
 * whose To/From user is not the one after the colon (403). No SIP password is stored anywhere;
 * a leaked one stops working on its own at `expiresAt`.
 */
export interface SipCredentials {
  /** Digest user name, `<unix expiry>:<sip user>`, e.g. `1767225600:1001`. */
  readonly username: string;
  /** Digest password, base64 of the HMAC-SHA1 of `username` (28 characters). */
  readonly password: string;
  /** The second the credentials expire in: Kamailio still accepts them during it, not after. */
  readonly expiresAt: Date;
}

/**
 * RFC 3261 `user` (unreserved / escaped / user-unreserved) without `:` and `@`, which would end
 * the user part of a URI or, here, be mistaken for the expiry separator.
 */
const SIP_USER = String.raw`(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2}){1,64}`;
const sipUserPattern = new RegExp(`^${SIP_USER}$`);
const usernamePattern = new RegExp(`^(\\d{1,10}):(${SIP_USER})$`);

/** Kamailio parses the expiry into an unsigned 32-bit integer; anything larger never verifies there. */
const MAX_EXPIRY_SECONDS = 0xffff_ffff;

/**
 * Issues credentials for SIP user `user`, valid for `ttlSeconds` from `now`.
 *
 * @remarks
 * `user` is the extension's SIP user part (`1001` in `sip:1001@127.0.0.1`); the phone must
 * register and call with exactly that user in To/From. The expiry is rounded down to whole
 * seconds, the resolution of the user name. `secret` is the one in Kamailio's
 * `modparam("auth_ephemeral", "secret", …)`.
 *
 * @throws Error when `user` is not a SIP user part or `secret` is empty; RangeError when `now`
 * is not a valid date or `ttlSeconds` is not a positive whole number of seconds.
 */
export function issueSipCredentials(user: string, secret: string, now: Date, ttlSeconds: number): SipCredentials {
  if (!sipUserPattern.test(user)) throw new Error(`not a SIP user part: ${JSON.stringify(user)}`);
  assertSecret(secret);
  const nowSeconds = unixSeconds(now);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  const expiry = nowSeconds + ttlSeconds;
  if (expiry > MAX_EXPIRY_SECONDS) throw new RangeError(`expiry ${expiry} does not fit Kamailio's 32-bit timestamp`);
  const username = `${expiry}:${user}`;
  return { username, password: sign(username, secret), expiresAt: new Date(expiry * 1000) };
}

/** Why {@link verifySipCredentials} refused a user name and password. */
export type SipCredentialsRefusal = 'malformed' | 'expired' | 'bad-signature';

/**
 * Checks a user name and password the way Kamailio's `auth_ephemeral` does.
 *
 * @remarks
 * For tests and diagnostics ("why does Kamailio answer 401?"); Kamailio itself is the one that
 * enforces them. `expired` is reported only for a correctly signed user name, so the answer
 * tells nothing about forged ones. Like Kamailio, the credentials are still valid during the
 * expiry second itself. The password comparison takes the same time wherever it differs.
 *
 * @returns the SIP user the credentials speak for, or why they would be refused (Kamailio
 * answers all three with a fresh 401/407 challenge).
 * @throws Error when `secret` is empty; RangeError when `now` is not a valid date.
 */
export function verifySipCredentials(
  username: string,
  password: string,
  secret: string,
  now: Date,
): { ok: true; user: string } | { ok: false; reason: SipCredentialsRefusal } {
  assertSecret(secret);
  const nowSeconds = unixSeconds(now);
  const match = usernamePattern.exec(username);
  const expiry = Number(match?.[1]);
  const user = match?.[2];
  if (user === undefined || expiry > MAX_EXPIRY_SECONDS) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(username, secret), 'utf8');
  const given = Buffer.from(password, 'utf8');
  // The length of a valid password is public (28 characters): only the content needs hiding.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (nowSeconds > expiry) return { ok: false, reason: 'expired' };
  return { ok: true, user };
}

function sign(username: string, secret: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

function assertSecret(secret: string): void {
  if (secret.length === 0) throw new Error('the shared secret is empty');
}

/** Whole seconds since the epoch, as Kamailio's `time(NULL)` counts them. */
function unixSeconds(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('now is not a valid date');
  return Math.floor(ms / 1000);
}
