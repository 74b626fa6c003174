import type { KeyboardEvent, MouseEvent } from 'react';
import type { RecordingPause } from '../../contract/recordings';

/** Milliseconds one peak stands for (the service's peaks are per 100 ms). */
const PEAK_MS = 100;
/** How far the arrow keys move. */
export const SEEK_STEP_MS = 5000;
const BARS = 400;

/**
 * The recording's waveform as SVG: both channels' peaks folded to {@link BARS} bars, the pauses
 * shaded, the play position as a line; a slider that seeks by click and by the arrow keys (±5 s),
 * Home and End.
 */
export function Waveform({
  peaks,
  durationMs,
  positionMs,
  pauses,
  label,
  valueText,
  pauseLabel,
  onSeek,
}: {
  peaks: { customer: readonly number[]; agent: readonly number[] };
  durationMs: number;
  positionMs: number;
  pauses: readonly RecordingPause[];
  label: string;
  valueText: string;
  pauseLabel: (pause: RecordingPause) => string;
  onSeek: (ms: number) => void;
}) {
  const count = Math.max(peaks.customer.length, peaks.agent.length);
  const length = Math.max(durationMs, count * PEAK_MS, 1);
  const bars = Math.min(BARS, Math.max(count, 1));
  const heights: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const from = Math.floor((bar * count) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * count) / bars));
    let peak = 0;
    for (let index = from; index < to; index++) peak = Math.max(peak, peaks.customer[index] ?? 0, peaks.agent[index] ?? 0);
    heights.push(Math.min(1, peak));
  }
  const seek = (ms: number): void => onSeek(Math.min(length, Math.max(0, ms)));
  const onClick = (event: MouseEvent<SVGSVGElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) seek(((event.clientX - box.left) / box.width) * length);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    const moves: Record<string, number> = { ArrowLeft: positionMs - SEEK_STEP_MS, ArrowDown: positionMs - SEEK_STEP_MS, ArrowRight: positionMs + SEEK_STEP_MS, ArrowUp: positionMs + SEEK_STEP_MS, Home: 0, End: length };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    seek(to);
  };
  const x = (ms: number): number => (Math.min(length, Math.max(0, ms)) / length) * bars;

  return (
    <svg
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(length / 1000)}
      aria-valuenow={Math.round(positionMs / 1000)}
      aria-valuetext={valueText}
      aria-orientation="horizontal"
      data-testid="recording-waveform"
      viewBox={`0 0 ${bars} 100`}
      preserveAspectRatio="none"
      className="h-24 w-full cursor-pointer rounded-lg bg-slate-50 ring-1 ring-slate-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      {pauses.map((pause) => (
        <rect key={pause.startMs} data-testid="recording-waveform-pause" x={x(pause.startMs)} width={Math.max(0.5, x(pause.endMs ?? length) - x(pause.startMs))} y={0} height={100} className="fill-amber-200">
          <title>{pauseLabel(pause)}</title>
        </rect>
      ))}
      {heights.map((height, bar) => (
        <rect key={bar} x={bar + 0.1} width={0.8} y={50 - height * 48} height={Math.max(0.5, height * 96)} className="fill-indigo-500" />
      ))}
      <line data-testid="recording-waveform-position" x1={x(positionMs)} x2={x(positionMs)} y1={0} y2={100} strokeWidth={Math.max(1, bars / 200)} className="stroke-rose-600" />
    </svg>
  );
}
