/**
 * Init script for benchmark pages: records, in epoch milliseconds, when each new
 * RTCPeerConnection receives its first RTP packet (`window.__firstRtp`), by polling the
 * receivers' synchronization sources every millisecond until one shows up.
 *
 * @remarks Kept as plain JavaScript source: the benchmark runs under tsx, whose esbuild
 * transform would add helpers (`__name`) to a function that do not exist inside the page.
 */
export const firstRtpProbeScript = `
(() => {
  const firstRtp = [];
  window.__firstRtp = firstRtp;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration) {
      super(configuration);
      const timer = setInterval(() => {
        if (this.signalingState === 'closed') {
          clearInterval(timer);
          return;
        }
        if (this.getReceivers().some((receiver) => receiver.getSynchronizationSources().length > 0)) {
          firstRtp.push(performance.timeOrigin + performance.now());
          clearInterval(timer);
        }
      }, 1);
    }
  };
})();
`;
