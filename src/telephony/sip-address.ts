import { UserAgent, type URI } from 'sip.js';

/**
 * Turns what an agent types into a SIP URI on the agent's domain.
 *
 * @remarks
 * Agents dial extensions (`1002`), phone numbers (`03-1234-5678`) or full SIP URIs. Visual
 * separators in numbers are dropped so `03-1234-5678` and `0312345678` reach the same user;
 * anything that is not a number or a `sip:` URI is refused rather than sent to the registrar.
 * @returns the URI, or `undefined` when the input cannot be a SIP destination.
 */
export function toSipUri(input: string, domain: string): URI | undefined {
  const trimmed = input.trim();
  if (trimmed === '') return undefined;
  if (/^sips?:/i.test(trimmed)) return UserAgent.makeURI(trimmed);
  const compact = trimmed.replace(/[\s\-().]/g, '');
  if (/^\+?[0-9*#]+$/.test(compact)) return UserAgent.makeURI(`sip:${compact}@${domain}`);
  if (/^[A-Za-z0-9._~!$&'+,;=%-]+$/.test(trimmed)) return UserAgent.makeURI(`sip:${trimmed}@${domain}`);
  return undefined;
}
