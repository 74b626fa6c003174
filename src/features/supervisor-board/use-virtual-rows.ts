import { useEffect, useState, type RefObject } from 'react';

/** The slice of a long list to render: rows `start` (inclusive) to `end` (exclusive). */
export interface VirtualRange {
  readonly start: number;
  readonly end: number;
  /** Height of the rows above and below the slice, kept by spacers so the scroll bar stays true. */
  readonly paddingTop: number;
  readonly paddingBottom: number;
}

/** Which rows of `count` equally tall rows a viewport `height` px tall scrolled by `scrollTop` shows, with `overscan` more on each side. */
export function virtualRange(count: number, rowHeight: number, scrollTop: number, height: number, overscan: number): VirtualRange {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(height / rowHeight) + overscan);
  return { start, end, paddingTop: start * rowHeight, paddingBottom: Math.max(0, (count - end) * rowHeight) };
}

/**
 * Follows a scrolling viewport and tells which rows to render: a board of thousands of agents
 * renders only the few dozen on screen.
 * @remarks Rows must all be `rowHeight` px tall. Before the viewport has a height (first
 * render, or a test's DOM without layout) `fallbackHeight` is used.
 */
export function useVirtualRows(viewport: RefObject<HTMLElement | null>, count: number, rowHeight: number, options: { overscan?: number; fallbackHeight?: number } = {}): VirtualRange {
  const overscan = options.overscan ?? 8;
  const fallbackHeight = options.fallbackHeight ?? 640;
  const [scroll, setScroll] = useState({ top: 0, height: fallbackHeight });
  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    let frame: number | undefined;
    const measure = () => {
      frame = undefined;
      setScroll({ top: element.scrollTop, height: element.clientHeight || fallbackHeight });
    };
    // One measurement per frame however fast the wheel turns.
    const onScroll = () => {
      if (frame === undefined) frame = requestAnimationFrame(measure);
    };
    measure();
    element.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(onScroll) : undefined;
    resize?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [viewport, fallbackHeight]);
  return virtualRange(count, rowHeight, scroll.top, scroll.height, overscan);
}
