import { describe, expect, it } from 'vitest';
import type { NgCallTag } from '../../media/ng-client';
import { callParties } from './call-parties';

function party(tag: string, protocol: string, hears: readonly string[], heardBy: readonly string[], offerAnswer = true): NgCallTag {
  return {
    tag,
    protocol,
    subscriptions: hears.map((other) => ({ tag: other, offerAnswer })),
    subscribers: heardBy.map((other) => ({ tag: other, offerAnswer })),
    released: false,
  };
}

describe('callParties: the customer and the agent among rtpengine’s parties', () => {
  const gatewayCall = [
    party('gw-from', 'RTP/AVP', ['browser-to'], ['browser-to']),
    party('browser-to', 'UDP/TLS/RTP/SAVPF', ['gw-from'], ['gw-from']),
    party('rec-1', 'RTP/AVP', ['gw-from', 'browser-to'], [], false),
  ];

  it('an inbound call: the caller (listed first) is the customer, the callee the agent, with their media profiles', () => {
    expect(callParties(gatewayCall, 'callee')).toEqual({ customerTag: 'gw-from', agentTag: 'browser-to', customerProfile: 'plain', agentProfile: 'webrtc' });
  });

  it('an outbound call: the agent is the caller', () => {
    expect(callParties(gatewayCall, 'caller')).toMatchObject({ customerTag: 'browser-to', agentTag: 'gw-from' });
  });

  it('never takes the service’s own parties (recorder, mixer, supervisor leg, queue stand-in) for the call’s', () => {
    const onlyService = [
      party('sv-1', 'RTP/AVP', ['mix-sv-1'], ['mix-sv-1']),
      party('mix-sv-1', 'RTP/AVP', ['sv-1'], ['sv-1']),
      party('tsunagu-queue', 'RTP/AVP', [], []),
    ];
    expect(callParties(onlyService, 'callee')).toBeUndefined();
    expect(callParties([...onlyService, ...gatewayCall], 'callee')).toMatchObject({ customerTag: 'gw-from', agentTag: 'browser-to' });
  });

  it('nothing for a call not answered yet (no second party)', () => {
    expect(callParties([party('gw-from', 'RTP/AVP', [], [])], 'callee')).toBeUndefined();
  });
});
