/**
 * A file the CTI service wrote for the user to keep (a CSV export), as it arrived.
 * @remarks `blob` keeps every byte, the UTF-8 byte-order mark included: Excel needs it to read
 * Japanese, so save `blob`, not `text`. `text` is the same content decoded, for a preview.
 */
export interface DownloadedFile {
  /** The name the service gave the file (`Content-Disposition`), without any folder. */
  readonly filename: string;
  /** `text/csv; charset=utf-8` and the like. */
  readonly contentType: string;
  readonly blob: Blob;
  /** The content as UTF-8 text, the byte-order mark dropped. */
  readonly text: string;
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of a body, the byte-order mark dropped and bad bytes replaced, like `Response.text()`. */
export function decodeText(bytes: ArrayBuffer): string {
  return utf8.decode(bytes);
}

/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…` when
 * given, else `filename="…"`; `undefined` without one.
 * @remarks Only the last path segment is kept: a name is never a place to write to.
 */
export function filenameOf(contentDisposition: string | null): string | undefined {
  if (!contentDisposition) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/iu.exec(contentDisposition)?.[1];
  let name: string | undefined;
  if (extended !== undefined) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/iu.exec(contentDisposition);
    name = (plain?.[1] ?? plain?.[2])?.replace(/\\(.)/gu, '$1');
  }
  const base = name?.split(/[/\\]/u).at(-1)?.trim();
  return base === undefined || base === '' || base === '.' || base === '..' ? undefined : base;
}
