import { NgClient, NgError } from '../../server/src/media/ng-client';

export type { RtpLegCounters } from '../../server/src/media/ng-client';

/**
 * rtpengine refused a command, or did not answer it.
 * @remarks The service's {@link NgError}, under the name the scripts and e2e fixtures use.
 */
export const RtpengineControlError = NgError;
/** An {@link NgError}. */
export type RtpengineControlError = NgError;

/**
 * The ng client of the scripts and e2e fixtures: the service's {@link NgClient}
 * (`server/src/media/ng-client.ts`) on one rtpengine's control address.
 * @remarks Kamailio's rtpengine module drives the calls; scripts only look (`ping` for
 * start-up, `queryCall` for a call's RTP counters, `listCalls` for the calls still held).
 */
export class RtpengineControl extends NgClient {
  constructor(host: string, port: number) {
    super({ host, port });
  }
}
