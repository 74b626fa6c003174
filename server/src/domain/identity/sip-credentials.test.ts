import { describe, expect, it } from 'vitest';
import { issueSipCredentials, verifySipCredentials } from './sip-credentials';

const secret = 'test-secret-0123456789';
/** 2026-01-01T00:00:00Z. */
const newYear = 1_767_225_600;
const anHourBefore = new Date((newYear - 3600) * 1000);
const at = (unixSeconds: number, extraMs = 0): Date => new Date(unixSeconds * 1000 + extraMs);

describe('issueSipCredentials', () => {
  it('signs "<expiry>:<user>" with HMAC-SHA1 and base64, as auth_ephemeral expects', () => {
    // Known answer from `printf '1767225600:1001' | openssl dgst -sha1 -hmac SECRET -binary | base64`.
    expect(issueSipCredentials('1001', secret, anHourBefore, 3600)).toEqual({
      username: `${newYear}:1001`,
      password: 'O8zr5ncgPzNbdiKr+KmLUzpHKkM=',
      expiresAt: at(newYear),
    });
  });

  it('counts the lifetime from the current whole second', () => {
    const issued = issueSipCredentials('1001', secret, at(newYear, 999), 60);
    expect(issued.username).toBe(`${newYear + 60}:1001`);
    expect(issued.expiresAt).toEqual(at(newYear + 60));
  });

  it.each(['1001', '+81312345678', 'agent.sato', 'o_brien-2', "a!~*'()&=+$,;?/b", 'caf%C3%A9'])('accepts the SIP user part %j', (user) => {
    expect(issueSipCredentials(user, secret, anHourBefore, 60).username).toBe(`${newYear - 3540}:${user}`);
  });

  it.each(['', '10:01', '1001@127.0.0.1', ' 1001', '<1001>', '"1001"', '10\\01', '100%1', '佐藤', 'x'.repeat(65)])(
    'refuses %j, which is not a SIP user part',
    (user) => {
      expect(() => issueSipCredentials(user, secret, anHourBefore, 60)).toThrow(/not a SIP user part/);
    },
  );

  it.each([0, -60, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a lifetime of %d seconds', (ttl) => {
    expect(() => issueSipCredentials('1001', secret, anHourBefore, ttl)).toThrow(RangeError);
  });

  it('refuses an invalid clock, an empty secret, and an expiry beyond Kamailio\'s 32-bit timestamps', () => {
    expect(() => issueSipCredentials('1001', secret, new Date(Number.NaN), 60)).toThrow(RangeError);
    expect(() => issueSipCredentials('1001', '', anHourBefore, 60)).toThrow(/secret/);
    expect(() => issueSipCredentials('1001', secret, at(0xffff_ffff - 10), 60)).toThrow(RangeError);
  });

  it('gives different users, expiries and secrets different passwords', () => {
    const base = issueSipCredentials('1001', secret, anHourBefore, 3600).password;
    expect(issueSipCredentials('1002', secret, anHourBefore, 3600).password).not.toBe(base);
    expect(issueSipCredentials('1001', secret, anHourBefore, 3601).password).not.toBe(base);
    expect(issueSipCredentials('1001', `${secret}x`, anHourBefore, 3600).password).not.toBe(base);
  });
});

describe('verifySipCredentials', () => {
  const issued = issueSipCredentials('1001', secret, anHourBefore, 3600);

  it('accepts what issueSipCredentials signed and names the SIP user', () => {
    expect(verifySipCredentials(issued.username, issued.password, secret, anHourBefore)).toEqual({ ok: true, user: '1001' });
  });

  it('still accepts them during the expiry second, like Kamailio, and not a second later', () => {
    expect(verifySipCredentials(issued.username, issued.password, secret, at(newYear, 999))).toEqual({ ok: true, user: '1001' });
    expect(verifySipCredentials(issued.username, issued.password, secret, at(newYear + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a password signed with another secret', () => {
    expect(verifySipCredentials(issued.username, issued.password, 'another-secret-0123456789', anHourBefore)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a user name altered to another user or a later expiry', () => {
    expect(verifySipCredentials(`${newYear}:1002`, issued.password, secret, anHourBefore)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySipCredentials(`${newYear + 86_400}:1001`, issued.password, secret, anHourBefore)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each(['', 'O8zr5ncgPzNbdiKr+KmLUzpHKkM', 'O8zr5ncgPzNbdiKr+KmLUzpHKkN=', `${issued.password} `, 'tsunagu-1001'])(
    'refuses the password %j',
    (password) => {
      expect(verifySipCredentials(issued.username, password, secret, anHourBefore)).toEqual({ ok: false, reason: 'bad-signature' });
    },
  );

  it('says "bad-signature", not "expired", for a forged user name that has also expired', () => {
    const forged = `${newYear - 7200}:1001`;
    expect(verifySipCredentials(forged, issued.password, secret, anHourBefore)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each(['1001', `${newYear}:`, ':1001', `x${newYear}:1001`, `${newYear}:10@01`, '99999999999:1001', '4294967296:1001'])(
    'calls the user name %j malformed',
    (username) => {
      expect(verifySipCredentials(username, issued.password, secret, anHourBefore)).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('refuses to check with an empty secret or an invalid clock', () => {
    expect(() => verifySipCredentials(issued.username, issued.password, '', anHourBefore)).toThrow(/secret/);
    expect(() => verifySipCredentials(issued.username, issued.password, secret, new Date(Number.NaN))).toThrow(RangeError);
  });
});
