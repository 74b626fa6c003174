import { z } from 'zod';
import { firstHolidayYear, japaneseHoliday, lastHolidayYear } from '../calendar/japanese-holidays';

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'must be HH:MM from 00:00 to 24:00');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be MM-DD');

/** One opening interval of a weekday, Japan time; ISO weekday 1 = Monday … 7 = Sunday. */
export const openingIntervalSchema = z
  .object({ weekday: z.number().int().min(1).max(7), opens: hhmm, closes: hhmm })
  .refine((interval) => interval.opens < interval.closes, { message: 'closes must be after opens (within one day)' });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** Days closed every year, `from` to `to` both included, possibly across the new year (年末年始 12-29 → 01-03). */
export const annualClosureSchema = z.object({ from: monthDay, to: monthDay, nameJa: z.string().min(1), nameEn: z.string().min(1) });
export type AnnualClosure = z.infer<typeof annualClosureSchema>;

/**
 * A business-hours schedule (営業時間): when the queues using it take calls.
 * @remarks Times and dates are Japan time. A day is closed, whatever its hours, when it is a
 * national holiday (unless `closedOnNationalHolidays` is false), within an annual closure, or
 * one of `closedDates` (臨時休業).
 */
export interface BusinessHoursSchedule {
  readonly code: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly weeklyHours: readonly OpeningInterval[];
  readonly closedOnNationalHolidays: boolean;
  readonly annualClosures: readonly AnnualClosure[];
  /** `YYYY-MM-DD` days closed once. */
  readonly closedDates: readonly string[];
}

/** Whether a schedule is open at an instant, and if not, why (for logs and the supervisor's view). */
export type OpeningState =
  | { readonly open: true }
  | { readonly open: false; readonly reason: 'outside-hours' | 'closed-date' }
  | { readonly open: false; readonly reason: 'national-holiday' | 'annual-closure'; readonly nameJa: string; readonly nameEn: string };

/** Japan Standard Time is UTC+9 all year. */
const tokyoOffsetMs = 9 * 3600_000;

/**
 * Whether `schedule` is open at `at`.
 * @remarks Closed days take precedence over the weekly hours, in the order: one-off closed day,
 * annual closure, national holiday. An interval includes its opening minute and excludes its
 * closing one (8:30–17:15 is open at 17:14:59 and closed at 17:15:00).
 */
export function openingStateAt(schedule: BusinessHoursSchedule, at: Date): OpeningState {
  const local = new Date(at.getTime() + tokyoOffsetMs).toISOString();
  const date = local.slice(0, 10);
  const time = local.slice(11, 16);
  if (schedule.closedDates.includes(date)) return { open: false, reason: 'closed-date' };
  const closure = schedule.annualClosures.find((candidate) => withinAnnual(candidate, date.slice(5)));
  if (closure) return { open: false, reason: 'annual-closure', nameJa: closure.nameJa, nameEn: closure.nameEn };
  if (schedule.closedOnNationalHolidays) {
    const year = Number(date.slice(0, 4));
    const holiday = year >= firstHolidayYear && year <= lastHolidayYear ? japaneseHoliday(date) : undefined;
    if (holiday) return { open: false, reason: 'national-holiday', nameJa: holiday.nameJa, nameEn: holiday.nameEn };
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  const open = schedule.weeklyHours.some((interval) => interval.weekday === weekday && interval.opens <= time && time < interval.closes);
  return open ? { open: true } : { open: false, reason: 'outside-hours' };
}

function withinAnnual(closure: AnnualClosure, monthDay: string): boolean {
  return closure.from <= closure.to ? closure.from <= monthDay && monthDay <= closure.to : monthDay >= closure.from || monthDay <= closure.to;
}
