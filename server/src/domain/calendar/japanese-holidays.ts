/**
 * Japanese national holidays (国民の祝日) and the other days off the law makes, computed from the
 * Act on National Holidays (国民の祝日に関する法律, 祝日法) for any year from 1948 to 2099.
 *
 * @remarks
 * - 祝日: fixed days, the Happy Monday days (second or third Monday since 2000/2003), 春分の日
 *   and 秋分の日 by the standard approximation of the equinox in Japan time, and the special
 *   laws' moves and one-off days (1959, 1989, 1990, 1993, 2019 即位, 2020/2021 Olympics).
 * - 振替休日 (since 1973-04-12): a 祝日 on a Sunday makes the next day off; since 2007 the next
 *   day that is not itself a 祝日 (so 5/3 on a Sunday gives 5/6).
 * - 国民の休日 (since 1985-12-27): a day between two 祝日 that is not one itself (until 2006
 *   not a Sunday or a 振替休日 either), e.g. 2026-09-22.
 * The Cabinet Office fixes 春分/秋分 each February for the next year from the astronomical
 * almanac; the formula agrees with every published day of this range.
 * @packageDocumentation
 */

/** Why a day is off: a 祝日, its 振替休日, or a 国民の休日 sandwiched between two 祝日. */
export type JapaneseHolidayKind = 'national' | 'substitute' | 'citizens';

/** A day off under the holiday law. */
export interface JapaneseHoliday {
  /** `YYYY-MM-DD` (a calendar day in Japan). */
  readonly date: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly kind: JapaneseHolidayKind;
}

/** First and last year computed; the law dates from 1948 and the equinox formula ends in 2099. */
export const firstHolidayYear = 1948;
export const lastHolidayYear = 2099;

/** The law took effect on 1948-07-20: no day before it is a 祝日. */
const lawInForce = '1948-07-20';
/** 振替休日 exist for 祝日 from this day (1973 amendment). */
const substituteSince = '1973-04-12';
/** 国民の休日 exist from this day (1985 amendment). */
const citizensSince = '1985-12-27';

interface Named {
  readonly nameJa: string;
  readonly nameEn: string;
}

/** A 祝日 rule: the day of the month it falls on in `year`, or undefined when it does not apply. */
interface HolidayRule extends Named {
  readonly month: number;
  readonly day: (year: number) => number | undefined;
}

const fixed =
  (day: number, from: number, to = lastHolidayYear) =>
  (year: number): number | undefined =>
    year >= from && year <= to ? day : undefined;

const rules: readonly HolidayRule[] = [
  { nameJa: '元日', nameEn: "New Year's Day", month: 1, day: fixed(1, 1949) },
  {
    nameJa: '成人の日',
    nameEn: 'Coming of Age Day',
    month: 1,
    day: (year) => (year >= 2000 ? nthMonday(year, 1, 2) : fixed(15, 1949)(year)),
  },
  { nameJa: '建国記念の日', nameEn: 'National Foundation Day', month: 2, day: fixed(11, 1967) },
  { nameJa: '天皇誕生日', nameEn: "Emperor's Birthday", month: 2, day: fixed(23, 2020) },
  { nameJa: '春分の日', nameEn: 'Vernal Equinox Day', month: 3, day: (year) => (year >= 1949 ? vernalEquinoxDay(year) : undefined) },
  { nameJa: '天皇誕生日', nameEn: "Emperor's Birthday", month: 4, day: fixed(29, 1949, 1988) },
  { nameJa: 'みどりの日', nameEn: 'Greenery Day', month: 4, day: fixed(29, 1989, 2006) },
  { nameJa: '昭和の日', nameEn: 'Showa Day', month: 4, day: fixed(29, 2007) },
  { nameJa: '憲法記念日', nameEn: 'Constitution Memorial Day', month: 5, day: fixed(3, 1949) },
  { nameJa: 'みどりの日', nameEn: 'Greenery Day', month: 5, day: fixed(4, 2007) },
  { nameJa: 'こどもの日', nameEn: "Children's Day", month: 5, day: fixed(5, 1949) },
  {
    nameJa: '海の日',
    nameEn: 'Marine Day',
    month: 7,
    day: (year) => (year === 2020 ? 23 : year === 2021 ? 22 : year >= 2003 ? nthMonday(year, 7, 3) : fixed(20, 1996)(year)),
  },
  {
    nameJa: '山の日',
    nameEn: 'Mountain Day',
    month: 8,
    day: (year) => (year === 2020 ? 10 : year === 2021 ? 8 : fixed(11, 2016)(year)),
  },
  {
    nameJa: '敬老の日',
    nameEn: 'Respect for the Aged Day',
    month: 9,
    day: (year) => (year >= 2003 ? nthMonday(year, 9, 3) : fixed(15, 1966)(year)),
  },
  { nameJa: '秋分の日', nameEn: 'Autumnal Equinox Day', month: 9, day: (year) => autumnalEquinoxDay(year) },
  {
    nameJa: '体育の日',
    nameEn: 'Health and Sports Day',
    month: 10,
    day: (year) => (year >= 2020 ? undefined : year >= 2000 ? nthMonday(year, 10, 2) : fixed(10, 1966)(year)),
  },
  // The Olympics moved スポーツの日 to July in 2020 and 2021 (the special measures act).
  { nameJa: 'スポーツの日', nameEn: 'Sports Day', month: 7, day: (year) => (year === 2020 ? 24 : year === 2021 ? 23 : undefined) },
  {
    nameJa: 'スポーツの日',
    nameEn: 'Sports Day',
    month: 10,
    day: (year) => (year >= 2022 ? nthMonday(year, 10, 2) : undefined),
  },
  { nameJa: '文化の日', nameEn: 'Culture Day', month: 11, day: fixed(3, 1948) },
  { nameJa: '勤労感謝の日', nameEn: 'Labor Thanksgiving Day', month: 11, day: fixed(23, 1948) },
  { nameJa: '天皇誕生日', nameEn: "Emperor's Birthday", month: 12, day: fixed(23, 1989, 2018) },
];

/** Days made 祝日 once by their own special law. */
const oneOffDays: readonly (Named & { readonly date: string })[] = [
  { date: '1959-04-10', nameJa: '皇太子明仁親王の結婚の儀', nameEn: 'Wedding of Crown Prince Akihito' },
  { date: '1989-02-24', nameJa: '昭和天皇の大喪の礼', nameEn: 'Funeral of Emperor Showa' },
  { date: '1990-11-12', nameJa: '即位礼正殿の儀', nameEn: 'Enthronement Ceremony' },
  { date: '1993-06-09', nameJa: '皇太子徳仁親王の結婚の儀', nameEn: 'Wedding of Crown Prince Naruhito' },
  { date: '2019-05-01', nameJa: '天皇の即位の日', nameEn: 'Accession Day of the Emperor' },
  { date: '2019-10-22', nameJa: '即位礼正殿の儀', nameEn: 'Enthronement Ceremony' },
];

const substitute: Named = { nameJa: '振替休日', nameEn: 'Substitute Holiday' };
const citizens: Named = { nameJa: '国民の休日', nameEn: "Citizens' Holiday" };

const dayMs = 86_400_000;

/**
 * Day of March of 春分の日 (vernal equinox in Japan time) in `year`.
 * @remarks The standard approximation: ⌊20.8431 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋ from
 * 1980, with 20.8357 and (Y − 1983) before; divisions truncate toward zero.
 */
export function vernalEquinoxDay(year: number): number {
  checkYear(year);
  return year >= 1980
    ? Math.trunc(20.8431 + 0.242194 * (year - 1980) - Math.trunc((year - 1980) / 4))
    : Math.trunc(20.8357 + 0.242194 * (year - 1980) - Math.trunc((year - 1983) / 4));
}

/** Day of September of 秋分の日 (autumnal equinox in Japan time) in `year`; same approximation. */
export function autumnalEquinoxDay(year: number): number {
  checkYear(year);
  return year >= 1980
    ? Math.trunc(23.2488 + 0.242194 * (year - 1980) - Math.trunc((year - 1980) / 4))
    : Math.trunc(23.2588 + 0.242194 * (year - 1980) - Math.trunc((year - 1983) / 4));
}

/**
 * Every day off under the holiday law in `year`, in date order.
 * @throws RangeError when `year` is outside 1948–2099.
 */
export function japaneseHolidays(year: number): JapaneseHoliday[] {
  checkYear(year);
  const cached = cache.get(year);
  if (cached) return [...cached];
  const national = nationalHolidays(year);
  const byDate = new Map<string, JapaneseHoliday>(national.map((holiday) => [holiday.date, holiday]));
  const isNational = (date: string) => byDate.get(date)?.kind === 'national';

  // 振替休日: from a 祝日 on a Sunday to the next day (since 2007: the next non-祝日).
  for (const holiday of national) {
    if (holiday.date < substituteSince || weekday(holiday.date) !== 0) continue;
    let next = addDays(holiday.date, 1);
    if (holiday.date >= '2007-01-01') while (isNational(next)) next = addDays(next, 1);
    if (!byDate.has(next) && next.startsWith(`${year}-`)) byDate.set(next, { date: next, ...substitute, kind: 'substitute' });
  }

  // 国民の休日: a day with a 祝日 on both sides (until 2006 not a Sunday or a 振替休日).
  for (const holiday of national) {
    const between = addDays(holiday.date, 1);
    if (between < citizensSince || !isNational(addDays(between, 1)) || !between.startsWith(`${year}-`)) continue;
    const taken = byDate.get(between);
    if (between < '2007-01-01' ? taken !== undefined || weekday(between) === 0 : taken?.kind === 'national') continue;
    byDate.set(between, { date: between, ...citizens, kind: 'citizens' });
  }

  const all = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, all);
  return [...all];
}

/**
 * The day off on `date` (`YYYY-MM-DD`), or undefined for an ordinary day (Saturdays and Sundays
 * included: they are not holidays under the law).
 * @throws RangeError for a malformed date or a year outside 1948–2099.
 */
export function japaneseHoliday(date: string): JapaneseHoliday | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return japaneseHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

const cache = new Map<number, readonly JapaneseHoliday[]>();

function nationalHolidays(year: number): JapaneseHoliday[] {
  const days: JapaneseHoliday[] = [];
  for (const rule of rules) {
    const day = rule.day(year);
    if (day === undefined) continue;
    days.push({ date: isoDate(year, rule.month, day), nameJa: rule.nameJa, nameEn: rule.nameEn, kind: 'national' });
  }
  for (const oneOff of oneOffDays) if (oneOff.date.startsWith(`${year}-`)) days.push({ ...oneOff, kind: 'national' });
  return days.filter((holiday) => holiday.date >= lawInForce).sort((a, b) => a.date.localeCompare(b.date));
}

/** Day of the month of the `n`-th Monday of `month` in `year`. */
function nthMonday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < firstHolidayYear || year > lastHolidayYear) {
    throw new RangeError(`Japanese holidays are computed for ${firstHolidayYear}–${lastHolidayYear}, not ${year}`);
  }
}
