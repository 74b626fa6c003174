/**
 * Init script of the bench's supervisor page: what it measures inside Chromium, kept in
 * `window.__boardBench`.
 *
 * - `frames`: requestAnimationFrame deltas (ms) while `sampling` is on;
 * - `longTasks`: durations of long tasks (> 50 ms, PerformanceObserver `longtask`) while sampling;
 * - `firstRowAt`: when the first agent row entered the DOM (epoch ms, the bench's clock);
 * - `marker`: each text the marker row's call number took, with when it entered the DOM
 *   (a MutationObserver: the moment React committed it, before the paint that follows);
 * - `received`: messages received on the page's WebSockets (the live events, and `hello`).
 *
 * @remarks Plain JavaScript source, like `bench/first-rtp-probe.ts`: tsx's transform would add
 * helpers to a function that do not exist inside the page. Times are `Date.now()`, the same
 * clock the bench's process stamps events with (one machine).
 */
export const boardProbeScript = `
(() => {
  const bench = { frames: [], longTasks: [], marker: [], firstRowAt: 0, received: 0, sampling: false, markerExtension: '' };
  window.__boardBench = bench;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', () => { bench.received += 1; });
    }
  };

  let last = 0;
  const frame = (time) => {
    if (bench.sampling) {
      if (last > 0) bench.frames.push(time - last);
      last = time;
    } else last = 0;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  try {
    new PerformanceObserver((list) => {
      if (!bench.sampling) return;
      for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  } catch (error) {
    bench.longTaskError = String(error);
  }

  let markerText = '';
  const watch = () => {
    if (bench.firstRowAt === 0 && document.querySelector('[data-testid="board-agent-row"]')) bench.firstRowAt = Date.now();
    if (bench.markerExtension === '') return;
    const cell = document.querySelector('[data-testid="board-agent-row"][data-extension="' + bench.markerExtension + '"] [data-testid="board-call-number"]');
    const text = cell ? cell.textContent : '';
    if (text !== markerText) {
      markerText = text;
      bench.marker.push({ text, at: Date.now() });
    }
  };
  new MutationObserver(watch).observe(document, { subtree: true, childList: true, characterData: true });
})();
`;

/** What {@link boardProbeScript} collected. */
export interface BoardProbe {
  frames: number[];
  longTasks: number[];
  marker: { text: string; at: number }[];
  firstRowAt: number;
  received: number;
  sampling: boolean;
  markerExtension: string;
  longTaskError?: string;
}
