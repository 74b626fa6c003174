/**
 * Init script for benchmark pages: records, in epoch milliseconds, when each new
 * RTCPeerConnection receives its first RTP packet (`window.__firstRtp`), by polling the
 * receivers' synchronization sources every millisecond until one shows up.
 */
export function installFirstRtpProbe(): void {
  const target = window as unknown as { __firstRtp: number[] };
  target.__firstRtp = [];
  const Original = window.RTCPeerConnection;
  class Probed extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const timer = setInterval(() => {
        if (this.signalingState === 'closed') {
          clearInterval(timer);
          return;
        }
        const heard = this.getReceivers().some((receiver) => receiver.getSynchronizationSources().length > 0);
        if (heard) {
          target.__firstRtp.push(performance.timeOrigin + performance.now());
          clearInterval(timer);
        }
      }, 1);
    }
  }
  window.RTCPeerConnection = Probed;
}
