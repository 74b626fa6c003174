import DOMPurify from 'dompurify';

/** What an article may contain, as the service's renderer lets out; nothing more gets in. */
const allowedTags = ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'input'];
const allowedAttributes = ['class', 'start', 'align', 'href', 'title', 'rel', 'target', 'src', 'alt', 'type', 'checked', 'disabled'];
const safeUri = /^(?:https?:\/\/|mailto:|tel:|[#?]|\/(?![/\\]))/iu;

/**
 * The service's rendered article HTML, sanitised once more before it enters the page.
 * @remarks The service already sanitises; this second pass keeps the panel safe from a
 * compromised or misconfigured service or proxy (no scripts, handlers, styles, frames or
 * `javascript:` links), and every link that opens a new tab gets `rel="noopener noreferrer"`.
 */
export function safeArticleHtml(html: string): string {
  const clean = DOMPurify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOWED_URI_REGEXP: safeUri,
    ADD_URI_SAFE_ATTR: ['rel', 'target', 'align', 'start', 'type', 'checked', 'disabled'],
    RETURN_DOM_FRAGMENT: true,
  });
  for (const link of clean.querySelectorAll('a[target]')) link.setAttribute('rel', 'noopener noreferrer');
  const holder = document.createElement('div');
  holder.append(clean);
  return holder.innerHTML;
}
