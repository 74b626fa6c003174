import { describe, expect, it } from 'vitest';
import { autumnalEquinoxDay, japaneseHoliday, japaneseHolidays, vernalEquinoxDay } from './japanese-holidays';

/** `MM-DD name` lines, as the Cabinet Office's lists (内閣府「国民の祝日について」) print them. */
function listOf(year: number): string[] {
  return japaneseHolidays(year).map((holiday) => `${holiday.date.slice(5)} ${holiday.nameJa}`);
}

describe('Japanese national holidays', () => {
  it('gives the Cabinet Office list of 2024 (振替休日 after 2/11, 5/5, 8/11, 9/22, 11/3 on Sundays)', () => {
    expect(listOf(2024)).toEqual([
      '01-01 元日',
      '01-08 成人の日',
      '02-11 建国記念の日',
      '02-12 振替休日',
      '02-23 天皇誕生日',
      '03-20 春分の日',
      '04-29 昭和の日',
      '05-03 憲法記念日',
      '05-04 みどりの日',
      '05-05 こどもの日',
      '05-06 振替休日',
      '07-15 海の日',
      '08-11 山の日',
      '08-12 振替休日',
      '09-16 敬老の日',
      '09-22 秋分の日',
      '09-23 振替休日',
      '10-14 スポーツの日',
      '11-03 文化の日',
      '11-04 振替休日',
      '11-23 勤労感謝の日',
    ]);
  });

  it('gives the Cabinet Office list of 2025 (5/4 on a Sunday moves its 振替休日 past 5/5 to 5/6)', () => {
    expect(listOf(2025)).toEqual([
      '01-01 元日',
      '01-13 成人の日',
      '02-11 建国記念の日',
      '02-23 天皇誕生日',
      '02-24 振替休日',
      '03-20 春分の日',
      '04-29 昭和の日',
      '05-03 憲法記念日',
      '05-04 みどりの日',
      '05-05 こどもの日',
      '05-06 振替休日',
      '07-21 海の日',
      '08-11 山の日',
      '09-15 敬老の日',
      '09-23 秋分の日',
      '10-13 スポーツの日',
      '11-03 文化の日',
      '11-23 勤労感謝の日',
      '11-24 振替休日',
    ]);
  });

  it('gives the Cabinet Office list of 2026 (9/22 is a 国民の休日 between 敬老の日 and 秋分の日)', () => {
    expect(listOf(2026)).toEqual([
      '01-01 元日',
      '01-12 成人の日',
      '02-11 建国記念の日',
      '02-23 天皇誕生日',
      '03-20 春分の日',
      '04-29 昭和の日',
      '05-03 憲法記念日',
      '05-04 みどりの日',
      '05-05 こどもの日',
      '05-06 振替休日',
      '07-20 海の日',
      '08-11 山の日',
      '09-21 敬老の日',
      '09-22 国民の休日',
      '09-23 秋分の日',
      '10-12 スポーツの日',
      '11-03 文化の日',
      '11-23 勤労感謝の日',
    ]);
  });

  it('knows the accession year 2019: 即位の日, the days sandwiched around it, no 天皇誕生日', () => {
    const days = listOf(2019);
    expect(days).toEqual(expect.arrayContaining(['04-29 昭和の日', '04-30 国民の休日', '05-01 天皇の即位の日', '05-02 国民の休日', '05-06 振替休日', '10-22 即位礼正殿の儀']));
    expect(days.filter((day) => day.includes('天皇誕生日'))).toEqual([]);
    expect(days).toHaveLength(22);
  });

  it('moves 海の日, スポーツの日 and 山の日 for the Olympics in 2020 and 2021', () => {
    expect(listOf(2020)).toEqual(expect.arrayContaining(['07-23 海の日', '07-24 スポーツの日', '08-10 山の日']));
    expect(listOf(2020).some((day) => day.startsWith('10-'))).toBe(false);
    expect(listOf(2021)).toEqual(expect.arrayContaining(['07-22 海の日', '07-23 スポーツの日', '08-08 山の日', '08-09 振替休日']));
    expect(listOf(2021).some((day) => day.startsWith('10-') || day.startsWith('07-19'))).toBe(false);
  });

  it('follows the law through its history', () => {
    // The law took effect on 1948-07-20: only the autumn 祝日 of that year.
    expect(listOf(1948)).toEqual(['09-23 秋分の日', '11-03 文化の日', '11-23 勤労感謝の日']);
    // No 振替休日 before 1973-04-12; the first one, for 天皇誕生日 on a Sunday.
    expect(japaneseHoliday('1973-02-12')).toBeUndefined();
    expect(japaneseHoliday('1973-04-30')?.kind).toBe('substitute');
    // 国民の休日 since 1985-12-27: 5/4 between 憲法記念日 and こどもの日, not on a Sunday until 2006.
    expect(japaneseHoliday('1988-05-04')?.nameJa).toBe('国民の休日');
    expect(japaneseHoliday('1986-05-04')).toBeUndefined();
    expect(japaneseHoliday('2007-05-04')?.nameJa).toBe('みどりの日');
    // Until 2006 a 振替休日 was only the next day: 5/3 on a Sunday gave 5/4, never 5/6.
    expect(japaneseHoliday('1998-05-04')?.kind).toBe('substitute');
    expect(japaneseHoliday('2009-05-06')?.kind).toBe('substitute');
    // Happy Monday: 成人の日 on 1/15 until 1999, the second Monday from 2000.
    expect(japaneseHoliday('1999-01-15')?.nameJa).toBe('成人の日');
    expect(japaneseHoliday('2000-01-10')?.nameJa).toBe('成人の日');
    expect(japaneseHoliday('2000-01-15')).toBeUndefined();
    // 天皇誕生日 moved with the reign: 4/29 (Showa), 12/23 (Heisei), 2/23 (Reiwa).
    expect(japaneseHoliday('1988-04-29')?.nameJa).toBe('天皇誕生日');
    expect(japaneseHoliday('2018-12-23')?.nameJa).toBe('天皇誕生日');
    expect(japaneseHoliday('2019-12-23')).toBeUndefined();
    expect(japaneseHoliday('2020-02-23')?.nameJa).toBe('天皇誕生日');
    // One-off days by special laws; the Silver Week of 2009 and 2015.
    expect(japaneseHoliday('1959-04-10')?.kind).toBe('national');
    expect(japaneseHoliday('1989-02-24')?.nameJa).toBe('昭和天皇の大喪の礼');
    expect(japaneseHoliday('1990-11-12')?.kind).toBe('national');
    expect(japaneseHoliday('1993-06-09')?.kind).toBe('national');
    expect(japaneseHoliday('2009-09-22')?.kind).toBe('citizens');
    expect(japaneseHoliday('2015-09-22')?.kind).toBe('citizens');
    // 山の日 from 2016; 海の日 from 1996.
    expect(japaneseHoliday('2015-08-11')).toBeUndefined();
    expect(japaneseHoliday('2016-08-11')?.nameJa).toBe('山の日');
    expect(japaneseHoliday('1995-07-20')).toBeUndefined();
    expect(japaneseHoliday('1996-07-20')?.nameJa).toBe('海の日');
  });

  it('computes the equinox days of the almanac', () => {
    expect([1949, 1979, 2000, 2024, 2025, 2026, 2027, 2030].map(vernalEquinoxDay)).toEqual([21, 21, 20, 20, 20, 20, 21, 20]);
    expect([1948, 1979, 2000, 2012, 2024, 2025, 2026, 2030].map(autumnalEquinoxDay)).toEqual([23, 24, 23, 22, 22, 23, 23, 23]);
  });

  it('says an ordinary day, a weekend included, is not a holiday', () => {
    expect(japaneseHoliday('2026-11-21')).toBeUndefined();
    expect(japaneseHoliday('2026-11-24')).toBeUndefined();
    expect(japaneseHoliday('2026-12-29')).toBeUndefined();
  });

  it('refuses years the law and the formula do not cover, and malformed dates', () => {
    expect(() => japaneseHolidays(1947)).toThrow(/1948–2099/);
    expect(() => japaneseHolidays(2100)).toThrow(RangeError);
    expect(() => japaneseHoliday('2026-13-01')).toThrow(/YYYY-MM-DD/);
    expect(() => japaneseHoliday('20261123')).toThrow(RangeError);
  });

  it('computes every year of the range without an error and without duplicate days', () => {
    for (let year = 1948; year <= 2099; year += 1) {
      const dates = japaneseHolidays(year).map((holiday) => holiday.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
    }
  });
});
