import { Marked, type Tokens } from 'marked';
import { enforceHtmlAllowList, escapeHtml, safeImageUrl, safeLinkUrl } from './html-allow-list';

/**
 * Markdown as FAQ editors write it: GitHub-flavoured, single line breaks kept (Japanese
 * authors break lines inside paragraphs), raw HTML shown as text.
 */
const faqMarked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      const url = safeLinkUrl(href);
      if (url === undefined) return text;
      const external = /^https?:/iu.test(url) ? ' rel="noopener noreferrer" target="_blank"' : '';
      return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external}>${text}</a>`;
    },
    image({ href, title, tokens }: Tokens.Image): string {
      const alt = this.parser.parseInline(tokens, this.parser.textRenderer);
      const url = safeImageUrl(href);
      if (url === undefined) return escapeHtml(alt);
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
    },
  },
});

/**
 * Renders an article body to HTML that is safe to insert into the agent's page.
 * @remarks Two layers: the renderer never emits raw HTML or an unsafe URL, and the result
 * then passes an allow-list of elements and attributes (`enforceHtmlAllowList`), so a
 * renderer bug cannot reach the browser as script, handler, style or frame.
 */
export function renderFaqMarkdown(markdown: string): string {
  if (markdown.trim() === '') return '';
  return enforceHtmlAllowList(faqMarked.parse(markdown, { async: false }));
}
