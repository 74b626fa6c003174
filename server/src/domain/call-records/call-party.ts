import { parsePhoneNumber, stripUri } from '../customers/phone-number';

/**
 * The other (or our own) end of a call, as the record keeps it.
 * @remarks A phone number is kept in E.164 so searching and screen pop match whatever format it
 * was dialled or presented in; an internal extension (`1002`) or feature code stays as it is;
 * a withheld number (非通知, SIP `anonymous`) is no number at all.
 */
export type CallParty =
  | { readonly kind: 'phone'; readonly value: string }
  | { readonly kind: 'extension'; readonly value: string }
  | { readonly kind: 'withheld'; readonly value: null };

const withheld = /^(anonymous|unknown|unavailable|private|restricted|非通知|通知不可能|公衆電話)$/iu;
const extension = /^[0-9A-Za-z._*#-]{1,32}$/;
/** 184 withholds and 186 presents the caller's number for one call; neither is part of it. */
const presentationPrefix = /^18[46]-?(?=0)/;

/**
 * Reads a number from the softphone or a search box.
 * @returns `undefined` when it is neither a valid phone number, nor an extension, nor withheld.
 */
export function readCallParty(text: string): CallParty | undefined {
  const plain = stripUri(text.normalize('NFKC').trim());
  if (withheld.test(plain)) return { kind: 'withheld', value: null };
  const phone = parsePhoneNumber(plain.replace(presentationPrefix, ''));
  if (phone) return { kind: 'phone', value: phone.e164 };
  if (extension.test(plain) && !plain.startsWith('+')) return { kind: 'extension', value: plain };
  return undefined;
}
