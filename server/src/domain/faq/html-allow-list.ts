/**
 * The last guard between an FAQ article and the agent's screen: only these elements and
 * attributes leave the service, whatever the Markdown renderer produced.
 * @remarks No `script`, `style`, `iframe`, `object`, `form`, no `on…` handlers, no `style`
 * attributes, and links only to http(s), mailto, tel or same-site paths.
 */
const allowedAttributes: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  hr: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  strong: [],
  em: [],
  del: [],
  blockquote: [],
  pre: [],
  code: ['class'],
  ul: [],
  ol: ['start'],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title'],
  input: ['type', 'checked', 'disabled'],
};

const attributeRules: Readonly<Record<string, (value: string) => boolean>> = {
  href: (value) => safeLinkUrl(value) !== undefined,
  src: (value) => safeImageUrl(value) !== undefined,
  title: () => true,
  alt: () => true,
  class: (value) => /^language-[\w+#.-]{1,40}$/u.test(value),
  start: (value) => /^\d{1,6}$/u.test(value),
  align: (value) => /^(left|center|right)$/u.test(value),
  type: (value) => value === 'checkbox',
  checked: (value) => value === '',
  disabled: (value) => value === '',
  rel: (value) => value === 'noopener noreferrer',
  target: (value) => value === '_blank',
};

const tagPattern = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>$/u;
const attributePattern = /\s+([a-z-]+)(?:="([^"<>]*)")?/gu;

/** Spaces and C0/C1 controls, which browsers strip or ignore inside a URL's scheme. */
function hasControlOrSpace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * A URL an article may link to, or `undefined`.
 * @remarks An allow-list of schemes, so `javascript:`, `data:`, `vbscript:` and every
 * obfuscation of them (entities, tabs, upper case) fail by default.
 */
export function safeLinkUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (hasControlOrSpace(trimmed)) return undefined;
  if (/^(https?:\/\/|mailto:|tel:)/iu.test(trimmed)) return trimmed;
  if (/^([#?]|\/(?![/\\]))/u.test(trimmed)) return trimmed;
  return undefined;
}

/** An image source an article may show: http(s) or a same-site path, never `data:`. */
export function safeImageUrl(url: string): string | undefined {
  const safe = safeLinkUrl(url);
  return safe !== undefined && /^(https?:\/\/|\/)/iu.test(safe) ? safe : undefined;
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities an attribute value may hold, so rules judge what a browser would see. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);?/giu, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return namedEntities[name.toLowerCase()] ?? entity;
  });
}

function rebuildTag(tag: string): string | undefined {
  const parts = tagPattern.exec(tag);
  if (!parts) return undefined;
  const [, slash, name = '', attributes = ''] = parts;
  const allowed = allowedAttributes[name];
  if (!allowed) return undefined;
  if (slash) return attributes.trim() === '' ? `</${name}>` : undefined;
  let kept = '';
  for (const [, attribute = '', raw = ''] of attributes.matchAll(attributePattern)) {
    const value = decodeEntities(raw);
    if (allowed.includes(attribute) && attributeRules[attribute]?.(value) === true) kept += ` ${attribute}="${escapeHtml(value)}"`;
  }
  // An image whose source was refused shows nothing rather than a broken frame.
  if (name === 'img' && !kept.includes(' src=')) return '';
  return `<${name}${kept}>`;
}

/**
 * Keeps only allowed elements and attributes of `html`; anything else that looks like markup
 * is escaped, so it shows as text and never runs.
 */
export function enforceHtmlAllowList(html: string): string {
  let out = '';
  let last = 0;
  for (const match of html.matchAll(/<[^<>]*>/gu)) {
    out += html.slice(last, match.index).replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    out += rebuildTag(match[0]) ?? escapeHtml(match[0]);
    last = match.index + match[0].length;
  }
  return out + html.slice(last).replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
