import { useEffect, useState } from 'react';

/** mm:ss (or h:mm:ss) since `since`, ticking every second. */
export function CallTimer({ since, label }: { since: number; label: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time data-testid="call-timer" aria-label={label} className="font-mono text-2xl tabular-nums text-slate-900">
      {formatDuration(now - since)}
    </time>
  );
}

/** Formats milliseconds as m:ss or h:mm:ss. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
