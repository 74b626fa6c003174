import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A valid phone number in its stored and display forms. */
export interface PhoneNumber {
  /** `+81312345678`: the form stored and matched. */
  readonly e164: string;
  /** `03-1234-5678`. */
  readonly national: string;
  readonly mobile: boolean;
}

/** The other end of a call as a record keeps it: a number (E.164), an extension, or withheld. */
export type CallParty =
  | { readonly kind: 'phone'; readonly value: string }
  | { readonly kind: 'extension'; readonly value: string }
  | { readonly kind: 'withheld'; readonly value: null };

/** Dashes typed between digits: Unicode dashes and minus, full-width hyphen, the long vowel mark ー. */
const dashes = /[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/gu;
const dialable = /^\+?[0-9\s().-]+$/u;
/** What SIP and the carriers say for a number not shown (非通知). */
const withheld = /^(anonymous|unknown|unavailable|private|restricted|非通知|通知不可能|公衆電話)$/iu;
const extension = /^[0-9A-Za-z._*#-]{1,32}$/u;
/** 184 (withhold) or 186 (present) dialled before a number is no part of it. */
const presentationPrefix = /^18[46]-?(?=0)/u;

/** `sip:0312345678@pbx;user=phone` and `tel:0312345678` → `0312345678`; other text unchanged. */
function userPart(text: string): string {
  return /^(?:sips?|tel):([^@;]+)/iu.exec(text)?.[1] ?? text;
}

/**
 * Reads a phone number as people type it, Japan by default: `03-1234-5678`, `0312345678`,
 * `+81 3-1234-5678` and full-width `０３－１２３４－５６７８` are all `+81312345678`.
 * @remarks Checked against the whole numbering plan (libphonenumber's "max" metadata), like
 * the service, so a digit too many or too few is no number.
 */
export function parsePhoneNumber(text: string): PhoneNumber | undefined {
  const plain = userPart(text.normalize('NFKC').replace(dashes, '-').trim());
  if (!dialable.test(plain)) return undefined;
  const parsed = parsePhoneNumberFromString(plain, 'JP');
  if (!parsed?.isValid()) return undefined;
  const type = parsed.getType();
  return { e164: parsed.number, national: parsed.formatNational(), mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

/** `+81312345678` → `03-1234-5678`; text that is no number stays as it is. */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** Reads a party from the softphone or a search box; `undefined` for text that is none of the three. */
export function readCallParty(text: string): CallParty | undefined {
  const plain = userPart(text.normalize('NFKC').trim());
  if (withheld.test(plain)) return { kind: 'withheld', value: null };
  const phone = parsePhoneNumber(plain.replace(presentationPrefix, ''));
  if (phone) return { kind: 'phone', value: phone.e164 };
  return extension.test(plain) && !plain.startsWith('+') ? { kind: 'extension', value: plain } : undefined;
}
