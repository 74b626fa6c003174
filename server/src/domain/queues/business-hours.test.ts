import { describe, expect, it } from 'vitest';
import { openingIntervalSchema, openingStateAt, type BusinessHoursSchedule } from './business-hours';

const weekdays: BusinessHoursSchedule = {
  code: 'weekdays',
  nameJa: '平日 8:30〜17:15',
  nameEn: 'Weekdays 8:30–17:15',
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:15' })),
  closedOnNationalHolidays: true,
  annualClosures: [{ from: '12-29', to: '01-03', nameJa: '年末年始', nameEn: 'New Year holidays' }],
  closedDates: ['2026-11-27'],
};

/** An instant given in Japan time. */
const tokyo = (local: string) => new Date(`${local}+09:00`);

describe('business hours', () => {
  it('is open on a weekday from 8:30 up to, not including, 17:15 Japan time', () => {
    expect(openingStateAt(weekdays, tokyo('2026-11-24T08:29:59'))).toEqual({ open: false, reason: 'outside-hours' });
    expect(openingStateAt(weekdays, tokyo('2026-11-24T08:30:00'))).toEqual({ open: true });
    expect(openingStateAt(weekdays, tokyo('2026-11-24T17:14:59'))).toEqual({ open: true });
    expect(openingStateAt(weekdays, tokyo('2026-11-24T17:15:00'))).toEqual({ open: false, reason: 'outside-hours' });
    // 10:00 in Tokyo is 01:00 UTC: the day and the hour are Japan's, not the server's.
    expect(openingStateAt(weekdays, new Date('2026-11-24T01:00:00Z'))).toEqual({ open: true });
  });

  it('is closed at weekends', () => {
    expect(openingStateAt(weekdays, tokyo('2026-11-21T10:00:00'))).toEqual({ open: false, reason: 'outside-hours' });
    expect(openingStateAt(weekdays, tokyo('2026-11-22T10:00:00'))).toEqual({ open: false, reason: 'outside-hours' });
  });

  it('is closed on national holidays, 振替休日 and 国民の休日 unless told otherwise', () => {
    expect(openingStateAt(weekdays, tokyo('2026-11-23T10:00:00'))).toEqual({ open: false, reason: 'national-holiday', nameJa: '勤労感謝の日', nameEn: 'Labor Thanksgiving Day' });
    expect(openingStateAt(weekdays, tokyo('2026-05-06T10:00:00'))).toMatchObject({ open: false, nameJa: '振替休日' });
    expect(openingStateAt(weekdays, tokyo('2026-09-22T10:00:00'))).toMatchObject({ open: false, nameJa: '国民の休日' });
    expect(openingStateAt({ ...weekdays, closedOnNationalHolidays: false }, tokyo('2026-11-23T10:00:00'))).toEqual({ open: true });
  });

  it('is closed over 年末年始 across the new year and on one-off closed days', () => {
    for (const day of ['2026-12-29', '2026-12-31', '2027-01-04']) {
      expect(openingStateAt(weekdays, tokyo(`${day}T10:00:00`)).open, day).toBe(day === '2027-01-04');
    }
    expect(openingStateAt(weekdays, tokyo('2026-12-30T10:00:00'))).toMatchObject({ reason: 'annual-closure', nameJa: '年末年始' });
    expect(openingStateAt(weekdays, tokyo('2026-11-27T10:00:00'))).toEqual({ open: false, reason: 'closed-date' });
  });

  it('treats 24:00 as the end of the day, for schedules open around the clock', () => {
    const always: BusinessHoursSchedule = { ...weekdays, weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })), closedOnNationalHolidays: false, annualClosures: [], closedDates: [] };
    expect(openingStateAt(always, tokyo('2026-11-22T23:59:59')).open).toBe(true);
    expect(openingStateAt(always, tokyo('2027-01-01T00:00:00')).open).toBe(true);
  });

  it('refuses an interval that closes before it opens', () => {
    expect(openingIntervalSchema.safeParse({ weekday: 1, opens: '17:15', closes: '08:30' }).success).toBe(false);
    expect(openingIntervalSchema.safeParse({ weekday: 8, opens: '08:30', closes: '17:15' }).success).toBe(false);
    expect(openingIntervalSchema.safeParse({ weekday: 1, opens: '8:30', closes: '17:15' }).success).toBe(false);
  });
});
