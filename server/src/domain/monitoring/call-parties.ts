import type { MediaProfile, NgCallTag } from '../../media/ng-client';

/** The two SIP parties of a monitored call, by their tags in rtpengine. */
export interface CallParties {
  readonly customerTag: string;
  readonly agentTag: string;
  /** How the agent's media is carried (a browser: `webrtc`), for re-pointing what the agent hears. */
  readonly agentProfile: MediaProfile;
  /** How the customer's media is carried (the gateway: `plain`). */
  readonly customerProfile: MediaProfile;
}

/** Which side of the SIP dialog the agent is: the callee of an inbound call, the caller of an outbound one. */
export type AgentSide = 'caller' | 'callee';

/** Tags the service itself adds to calls in rtpengine (monitoring, recording, queue media). */
const serviceTag = /^(?:mon|sv|mix-sv|mix-agent|mix-customer|rec)-|^tsunagu-/;

function profileOf(party: NgCallTag): MediaProfile {
  return party.protocol.includes('SAVP') ? 'webrtc' : 'plain';
}

/**
 * Finds the customer's and the agent's tags among the parties rtpengine lists for a call.
 * @remarks The SIP dialog is the one pair of parties (not the service's own) that hear each
 * other by offer/answer, or, once the service re-pointed one of them, whose tags were a pair
 * before; rtpengine lists its caller (From tag) first. Undefined when no such pair is left
 * (the call ended, or has not been answered yet).
 */
export function callParties(tags: readonly NgCallTag[], agentSide: AgentSide): CallParties | undefined {
  const sipParties = tags.filter((party) => !serviceTag.test(party.tag));
  const isParty = (tag: string): boolean => sipParties.some((party) => party.tag === tag);
  for (const [index, caller] of sipParties.entries()) {
    const linked = [...caller.subscriptions, ...caller.subscribers].filter((link) => isParty(link.tag) && link.tag !== caller.tag);
    const callee = sipParties.slice(index + 1).find((party) => linked.some((link) => link.tag === party.tag));
    if (callee === undefined) continue;
    const [customer, agent] = agentSide === 'callee' ? [caller, callee] : [callee, caller];
    return { customerTag: customer.tag, agentTag: agent.tag, agentProfile: profileOf(agent), customerProfile: profileOf(customer) };
  }
  return undefined;
}
