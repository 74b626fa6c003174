import type { FaqBodyWindow } from './faq-repository';

/** Characters of an excerpt: two lines of a narrow panel beside the call. */
const excerptLength = 120;

/**
 * Plain text for a result list from a window of Markdown: markup dropped, whitespace
 * collapsed, cut at `excerptLength` with an ellipsis.
 * @remarks The window may start or end inside a construct; leftovers are harmless because
 * the excerpt is shown as text, never as HTML.
 */
export function faqExcerpt(bodyWindow: FaqBodyWindow): string {
  const text = bodyWindow.text
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gmu, '')
    .replace(/[*_~`|]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const cut = text.length > excerptLength ? `${text.slice(0, excerptLength).trimEnd()}…` : text;
  return !bodyWindow.atStart && cut.length > 0 ? `…${cut}` : cut;
}
