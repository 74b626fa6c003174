import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A valid phone number in its canonical and display forms. */
export interface PhoneNumber {
  /** E.164, e.g. `+81312345678`: the form stored and matched. */
  readonly e164: string;
  /** The national form for display, e.g. `03-1234-5678`. */
  readonly national: string;
  readonly mobile: boolean;
}

/** Dashes people type between digits: full-width, Unicode minus, and the long vowel mark ー. */
const dashes = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/gu;
/** What may remain in a typed number once normalised: digits, a leading +, separators. */
const dialable = /^\+?[0-9\s().-]+$/;

/**
 * Reads a phone number as agents and customers type it, Japan by default.
 *
 * @remarks
 * `03-1234-5678`, `0312345678`, `+81 3-1234-5678` and full-width `０３－１２３４－５６７８` all give
 * `+81312345678`; a `sip:` or `tel:` URI gives its user part. Validity is checked against the
 * full numbering plan of the country (libphonenumber's "max" metadata), so a digit too many or
 * too few is refused rather than stored as a number no one can call back.
 * @returns `undefined` when the text is not a valid phone number.
 */
export function parsePhoneNumber(text: string, defaultCountry: CountryCode = 'JP'): PhoneNumber | undefined {
  const plain = stripUri(text.normalize('NFKC').replace(dashes, '-').trim());
  if (!dialable.test(plain)) return undefined;
  const parsed = parsePhoneNumberFromString(plain, defaultCountry);
  if (!parsed?.isValid()) return undefined;
  const type = parsed.getType();
  return { e164: parsed.number, national: parsed.formatNational(), mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

/** The national display form of a stored E.164 number (the number itself when it does not parse). */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** `sip:0312345678@pbx.example;user=phone` → `0312345678`; other text unchanged. */
export function stripUri(text: string): string {
  const uri = /^(?:sips?|tel):([^@;]+)/i.exec(text);
  return uri?.[1] ?? text;
}
