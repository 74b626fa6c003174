import { describe, expect, it } from 'vitest';
import { enforceHtmlAllowList, safeLinkUrl } from './html-allow-list';
import { renderFaqMarkdown } from './render-faq-markdown';

const allowedTag = /^<\/?(p|br|hr|h[1-6]|strong|em|del|blockquote|pre|code|ul|ol|li|table|thead|tbody|tr|th|td|a|img|input)((?:\s[a-z]+="[^"<>]*")*)>$/u;
const safeUrl = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#|\?)/iu;

/** Every `<` of the output must open an allowed tag whose attributes are all harmless. */
function expectSafe(html: string): void {
  const tags = html.match(/<[^>]*>?/gu) ?? [];
  for (const tag of tags) {
    const parts = allowedTag.exec(tag);
    expect(parts, `unexpected markup ${tag}`).not.toBeNull();
    for (const [, name = '', value = ''] of (parts?.[2] ?? '').matchAll(/\s([a-z]+)="([^"]*)"/gu)) {
      expect(name, tag).not.toMatch(/^on|^style$|^srcdoc$|^formaction$/u);
      if (name === 'href' || name === 'src') expect(value.replaceAll('&amp;', '&'), tag).toMatch(safeUrl);
    }
  }
}

describe('renderFaqMarkdown', () => {
  it('renders what FAQ editors write', () => {
    const html = renderFaqMarkdown(
      ['## 手順', '1. **ログイン**します', '2. *設定*を開きます', '', '- [x] 完了', '', '| 項目 | 値 |', '|:--|--:|', '| 料金 | 220円 |', '', '```ts', 'const a = 1;', '```', '', '> 注意', '', '1行目', '2行目', '', '---'].join('\n'),
    );
    expect(html).toContain('<h2>手順</h2>');
    expect(html).toContain('<ol>\n<li><strong>ログイン</strong>します</li>');
    expect(html).toContain('<em>設定</em>');
    expect(html).toContain('<input checked="" disabled="" type="checkbox"> 完了');
    expect(html).toContain('<th align="left">項目</th>');
    expect(html).toContain('<td align="right">220円</td>');
    expect(html).toContain('<pre><code class="language-ts">const a = 1;\n</code></pre>');
    expect(html).toContain('<blockquote>\n<p>注意</p>\n</blockquote>');
    expect(html).toContain('<p>1行目<br>2行目</p>');
    expect(html).toContain('<hr>');
    expectSafe(html);
  });

  it('keeps safe links and marks external ones', () => {
    const html = renderFaqMarkdown('[公式](https://example.com/a?b=1&c=2 "題") [社内](/faq/123) [メール](mailto:help@example.com) [電話](tel:0120000000) [節](#steps) <https://example.com/auto>');
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" title="題" rel="noopener noreferrer" target="_blank">公式</a>');
    expect(html).toContain('<a href="/faq/123">社内</a>');
    expect(html).toContain('<a href="mailto:help@example.com">メール</a>');
    expect(html).toContain('<a href="tel:0120000000">電話</a>');
    expect(html).toContain('<a href="#steps">節</a>');
    expect(html).toContain('<a href="https://example.com/auto" rel="noopener noreferrer" target="_blank">');
    expectSafe(html);
  });

  it.each([
    ['script element', '<script>alert(1)</script>'],
    ['script inside a paragraph', 'text <script>alert(1)</script> text'],
    ['event handler on an image', '<img src=x onerror=alert(1)>'],
    ['event handler inside emphasis', '**<img src=x onerror=alert(1)>**'],
    ['svg onload', '<svg/onload=alert(1)>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['iframe with srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['style element', '<style>body { display: none }</style>'],
    ['style attribute', '<a href="https://example.com" style="position:fixed;inset:0">x</a>'],
    ['form', '<form action="https://evil.example"><input name="p"><button>送信</button></form>'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['javascript link', '[x](javascript:alert(1))'],
    ['upper-case javascript link', '[x](JaVaScRiPt:alert(1))'],
    ['entity-encoded javascript link', '[x](&#106;avascript:alert(1))'],
    ['hex-entity javascript link', '[x](&#x6A;avascript:alert(1))'],
    ['javascript autolink', '<javascript:alert(1)>'],
    ['javascript link in angle brackets', '[x](<javascript:alert(1)>)'],
    ['reference-style javascript link', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['vbscript link', '[x](vbscript:msgbox(1))'],
    ['data link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['protocol-relative link', '[x](//evil.example/path)'],
    ['javascript image', '![x](javascript:alert(1))'],
    ['data image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['title breaking out of its attribute', '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
    ['alt text breaking out of its attribute', '![a" onerror="alert(1)](https://example.com/x.png)'],
    ['raw anchor with javascript', '<a href="javascript:alert(1)">x</a>'],
    ['nested markup confusion', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['comment', '<!-- <img src=x onerror=alert(1)> -->'],
    ['code span', '`<img src=x onerror=alert(1)>`'],
  ])('neutralises %s', (_what, markdown) => {
    const html = renderFaqMarkdown(markdown);
    expectSafe(html);
    expect(html).not.toMatch(/<(script|iframe|style|svg|object|embed|form|math)/iu);
  });

  it('renders an empty body as nothing', () => {
    expect(renderFaqMarkdown('')).toBe('');
    expect(renderFaqMarkdown('  \n ')).toBe('');
  });
});

describe('enforceHtmlAllowList', () => {
  it('drops what a renderer should never have produced', () => {
    expect(enforceHtmlAllowList('<p onclick="x()">a</p><script>b</script><a href="javascript:c()" title="t">d</a><img src="javascript:e()"><hr style="x">')).toBe(
      '<p>a</p>&lt;script&gt;b&lt;/script&gt;<a title="t">d</a><hr>',
    );
    expect(enforceHtmlAllowList('a < b > c <p')).toBe('a &lt; b &gt; c &lt;p');
    expect(enforceHtmlAllowList('<a href="&#106;avascript:x">y</a>')).toBe('<a>y</a>');
  });
});

describe('safeLinkUrl', () => {
  it.each(['https://example.com', 'HTTP://EXAMPLE.COM', 'mailto:a@b.c', 'tel:0120', '/faq/1', '#x', '?q=1'])('allows %s', (url) => {
    expect(safeLinkUrl(url)).toBe(url);
  });
  it.each(['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example', 'faq/1', 'ftp://x'])('refuses %s', (url) => {
    expect(safeLinkUrl(url)).toBeUndefined();
  });
});
