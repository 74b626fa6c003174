/** Japan has had no daylight saving time since 1951: Asia/Tokyo is always UTC+9. */
const offsetMs = 9 * 3600_000;
const dayMs = 24 * 3600_000;

/** 00:00 in Tokyo of `day` (`YYYY-MM-DD`), in milliseconds since the epoch. */
export function startOfTokyoDay(day: string): number {
  return Date.parse(`${day}T00:00:00+09:00`);
}

/** 00:00 in Tokyo of the next day: the exclusive end of a range ending on `day`. */
export function endOfTokyoDay(day: string): number {
  return startOfTokyoDay(day) + dayMs;
}

/** `YYYY-MM-DD` of `instant` in Tokyo. */
export function tokyoDay(instant: number): string {
  return new Date(instant + offsetMs).toISOString().slice(0, 10);
}

/** `2026-11-23 09:05:07` in Tokyo: what Excel reads as a date and time. */
export function formatTokyoDateTime(instant: number): string {
  return new Date(instant + offsetMs).toISOString().slice(0, 19).replace('T', ' ');
}
