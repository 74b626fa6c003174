/**
 * Japan Standard Time, UTC+9 all year (Japan has had no daylight saving time since 1951), so
 * Asia/Tokyo is a fixed offset and needs no time-zone database.
 */
const offsetMs = 9 * 3600_000;

/** 00:00 in Tokyo of `day` (`YYYY-MM-DD`). */
export function startOfTokyoDay(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** 00:00 in Tokyo of the day after `day`: the exclusive end of a range ending on `day`. */
export function endOfTokyoDay(day: string): Date {
  return new Date(startOfTokyoDay(day).getTime() + 24 * 3600_000);
}

/** `2026-11-23 09:05:07`, in Tokyo time: the form Excel reads as a date and time. */
export function formatTokyoDateTime(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` of `instant` in Tokyo. */
export function tokyoDay(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);
}
