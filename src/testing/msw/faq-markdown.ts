import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/** Links may go to the web, mail, phone or a same-site path; everything else (`javascript:`, `data:`…) is refused. */
const safeLink = /^(?:https?:\/\/|mailto:|tel:|[#?]|\/(?![/\\]))/iu;
/** Images only from the web or the same site. */
const safeImage = /^(?:https?:\/\/|\/(?![/\\]))/iu;

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function safeUrl(url: string, allowed: RegExp): string | undefined {
  const trimmed = url.trim();
  // Browsers ignore spaces and control characters inside a scheme (`java\tscript:`): refuse them.
  let hidden = false;
  for (let index = 0; index < trimmed.length; index += 1) {
    const code = trimmed.charCodeAt(index);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) hidden = true;
  }
  return allowed.test(trimmed) && !hidden ? trimmed : undefined;
}

/**
 * Markdown as FAQ editors write it, rendered like the service: GitHub-flavoured, single line
 * breaks kept (Japanese authors break lines inside paragraphs), raw HTML shown as text,
 * external links opening in a new tab.
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
      const url = safeUrl(href, safeLink);
      if (url === undefined) return text;
      const external = /^https?:/iu.test(url) ? ' rel="noopener noreferrer" target="_blank"' : '';
      return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external}>${text}</a>`;
    },
    image({ href, title, tokens }: Tokens.Image): string {
      const alt = this.parser.parseInline(tokens, this.parser.textRenderer);
      const url = safeUrl(href, safeImage);
      if (url === undefined) return escapeHtml(alt);
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
    },
  },
});

/** The elements and attributes the service lets out of an article, nothing more. */
const allowedTags = ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'input'];
const allowedAttributes = ['class', 'start', 'align', 'href', 'title', 'rel', 'target', 'src', 'alt', 'type', 'checked', 'disabled'];

/**
 * An article body rendered to HTML that is safe to insert, as the service answers it: empty
 * for an empty body, no scripts, handlers, styles, frames or unsafe links.
 * @remarks Two layers, like the service: the renderer never emits raw HTML or an unsafe URL,
 * and DOMPurify then keeps only the service's allow-list of elements and attributes.
 */
export function renderFaqMarkdown(markdown: string): string {
  if (markdown.trim() === '') return '';
  const html = faqMarked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOWED_URI_REGEXP: safeLink,
    // DOMPurify tests every other attribute against the URL pattern too; these hold no URL.
    ADD_URI_SAFE_ATTR: ['rel', 'target', 'align', 'start', 'type', 'checked', 'disabled'],
  });
}
