/** Makes Excel read a CSV file as UTF-8 rather than Shift_JIS. */
export const byteOrderMark = '\uFEFF';

/** Text a spreadsheet would run as a formula (CSV injection): it gets a leading apostrophe. */
const formulaStart = /^[=+\-@\t\r]/u;

/** Text that a spreadsheet must not run: `'=HYPERLINK(…)` instead of `=HYPERLINK(…)`. */
export function inert(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180) of the call-record export: quoted only when it holds a comma, a
 * quote, a line break or edge spaces; empty for `null`.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = inert(value);
  return /[",\r\n]|^\s|\s$/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record ended by CRLF. */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** One always-quoted cell, as the FAQ export writes them. */
export function quotedCell(value: string): string {
  return `"${inert(value).replaceAll('"', '""')}"`;
}
