/** A value of the bencode format rtpengine's ng protocol speaks: strings, integers, lists and dictionaries. */
export type BencodeValue = string | number | readonly BencodeValue[] | { readonly [key: string]: BencodeValue };

/** Bytes that are not valid bencode (a truncated or garbled ng reply). */
export class BencodeError extends Error {
  override readonly name = 'BencodeError';
}

function encodeInto(value: BencodeValue, parts: Buffer[]): void {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    parts.push(Buffer.from(`${bytes.length}:`), bytes);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new BencodeError(`bencode has integers only, got ${value}`);
    parts.push(Buffer.from(`i${value}e`));
  } else if (Array.isArray(value)) {
    parts.push(Buffer.from('l'));
    for (const item of value as readonly BencodeValue[]) encodeInto(item, parts);
    parts.push(Buffer.from('e'));
  } else {
    parts.push(Buffer.from('d'));
    // Keys in byte order, as the format requires.
    const dictionary = value as { readonly [key: string]: BencodeValue };
    for (const key of Object.keys(dictionary).sort()) {
      encodeInto(key, parts);
      encodeInto(dictionary[key] as BencodeValue, parts);
    }
    parts.push(Buffer.from('e'));
  }
}

/** Encodes `value` as bencode. */
export function encodeBencode(value: BencodeValue): Buffer {
  const parts: Buffer[] = [];
  encodeInto(value, parts);
  return Buffer.concat(parts);
}

function decodeAt(bytes: Buffer, offset: number): [BencodeValue, number] {
  const lead = bytes[offset];
  if (lead === undefined) throw new BencodeError(`bencode ends early at byte ${offset}`);
  if (lead === 0x69 /* i */) {
    const end = bytes.indexOf(0x65 /* e */, offset);
    if (end < 0) throw new BencodeError(`unterminated integer at byte ${offset}`);
    const text = bytes.subarray(offset + 1, end).toString('ascii');
    if (!/^-?\d+$/.test(text)) throw new BencodeError(`bad integer '${text}' at byte ${offset}`);
    return [Number(text), end + 1];
  }
  if (lead === 0x6c /* l */) {
    const items: BencodeValue[] = [];
    let at = offset + 1;
    while (bytes[at] !== 0x65) {
      const [item, next] = decodeAt(bytes, at);
      items.push(item);
      at = next;
    }
    return [items, at + 1];
  }
  if (lead === 0x64 /* d */) {
    const dictionary: Record<string, BencodeValue> = {};
    let at = offset + 1;
    while (bytes[at] !== 0x65) {
      const [key, afterKey] = decodeAt(bytes, at);
      if (typeof key !== 'string') throw new BencodeError(`dictionary key at byte ${at} is not a string`);
      const [item, next] = decodeAt(bytes, afterKey);
      dictionary[key] = item;
      at = next;
    }
    return [dictionary, at + 1];
  }
  const colon = bytes.indexOf(0x3a /* : */, offset);
  const lengthText = colon < 0 ? '' : bytes.subarray(offset, colon).toString('ascii');
  if (!/^\d+$/.test(lengthText)) throw new BencodeError(`unexpected byte ${lead} at ${offset}`);
  const end = colon + 1 + Number(lengthText);
  if (end > bytes.length) throw new BencodeError(`string at byte ${offset} runs past the end`);
  return [bytes.subarray(colon + 1, end).toString('utf8'), end];
}

/**
 * Decodes one bencode value that fills `bytes` exactly.
 * @throws BencodeError for anything else.
 */
export function decodeBencode(bytes: Buffer): BencodeValue {
  const [value, end] = decodeAt(bytes, 0);
  if (end !== bytes.length) throw new BencodeError(`${bytes.length - end} bytes after the value`);
  return value;
}
