/**
 * The header Kamailio adds to an INVITE it sends to an agent for a call to a queue number
 * (e.g. `X-Tsunagu-Queue: 2001`): the queue the call came through.
 * @remarks Only calls Kamailio routed through a queue carry it; a direct call to an extension
 * does not.
 */
export const queueHeaderName = 'X-Tsunagu-Queue';

/** A queue number as the PBX writes it: digits only, at most 16. */
const queueNumberPattern = /^[0-9]{1,16}$/;

/**
 * Reads the queue number of an incoming INVITE from its {@link queueHeaderName} header.
 * @param header - the header's value (SIP.js `request.getHeader(queueHeaderName)`), if any.
 * @returns the queue number, or `undefined` when the header is absent or not a queue number
 * (anything else is ignored rather than shown to the agent: the header crosses the network).
 */
export function readQueueNumber(header: string | undefined): string | undefined {
  const value = header?.trim();
  return value !== undefined && queueNumberPattern.test(value) ? value : undefined;
}
