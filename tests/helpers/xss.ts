import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * Injection payloads for the security suite (issue 14). Each one, if a page or file echoed it as markup or
 * code, would create an element, an attribute, a script or a formula; shown as text it is harmless. Scripts set
 * `window.__xss` (and call alert) so a browser test can see that one ran.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>window.__xss=1;alert(1)</script>',
  '"><img src=x onerror=window.__xss=1>',
  '</script><script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '{{7*7}} ${7*7} <%= 7*7 %>',
  '<svg onload=window.__xss=1>',
  'baris\u2028satu\u2029dua',
  '</title><script>window.__xss=1</script>',
  "'-window.__xss=1-'",
  'nol\u0000byte',
  'rtl \u202Egpj.exe',
  '=HYPERLINK("http://x.test","klik")',
  '<a href="javascript:window.__xss=1">tautan</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '" onmouseover="window.__xss=1" x="',
  '</style><style>*{display:none}</style>',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '<!--<img src="--><img src=x onerror=window.__xss=1>',
  ']]><x>cdata</x><![CDATA[',
  '&lt;b&gt;entitas&lt;/b&gt; &amp;',
];

/** How a stored value reads back: trimmed (zod .trim()), NUL gone, Unicode line breaks allowed to become spaces. */
export function visible(s: string): string {
  return s
    .replace(/\0/g, '')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim();
}

export interface HtmlFinding {
  problems: string[];
  /** Text nodes and human-facing attribute values, decoded, whitespace collapsed. */
  text: string;
  jsonLd: unknown[];
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcdoc', 'background']);

/**
 * Parse a page as a browser would (parse5, the HTML5 algorithm) and report anything a payload could have
 * injected: an inline event handler, a javascript: URL, a script that mentions __xss, the payloads' own
 * img/svg/iframe elements, a second <title>, an unparseable JSON-LD block.
 */
export function inspectHtml(html: string): HtmlFinding {
  const doc = parse(html);
  const problems: string[] = [];
  const text: string[] = [];
  const jsonLd: unknown[] = [];
  let titles = 0;
  const walk = (n: Node, inHead: boolean) => {
    if (n.nodeName === '#text') {
      text.push((n as DefaultTreeAdapterMap['textNode']).value);
      return;
    }
    const el = n as Element;
    if (el.tagName) {
      const attrs = new Map(el.attrs.map((a) => [a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value]));
      for (const [name, value] of attrs) {
        if (/^on/i.test(name)) problems.push(`<${el.tagName} ${name}="${value}">: inline event handler`);
        if (URL_ATTRS.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/[\0-\x20]/g, '')))
          problems.push(`<${el.tagName} ${name}="${value}">: script URL`);
        if (name === 'srcdoc') problems.push(`<${el.tagName} srcdoc>: injected document`);
        if (['alt', 'title', 'value', 'content', 'aria-label', 'placeholder'].includes(name)) text.push(` ${value} `);
      }
      if (el.tagName === 'img' && attrs.get('src') === 'x') problems.push('<img src=x>: injected image');
      if (el.tagName === 'iframe') problems.push('<iframe>: injected frame');
      if (el.tagName === 'title' && inHead) titles++;
      if (el.tagName === 'script') {
        const body = el.childNodes.map((c) => (c as DefaultTreeAdapterMap['textNode']).value ?? '').join('');
        if (attrs.get('type') === 'application/ld+json') {
          try {
            jsonLd.push(JSON.parse(body));
          } catch (e) {
            problems.push(`JSON-LD does not parse: ${(e as Error).message}`);
          }
        } else if (/__xss|alert\(/.test(body)) problems.push(`<script> with a payload: ${body.slice(0, 80)}`);
        if (attrs.get('type') === 'application/ld+json' && /<\/script/i.test(body)) problems.push('JSON-LD holds </script');
        return;
      }
      if (el.tagName === 'style') {
        const body = el.childNodes.map((c) => (c as DefaultTreeAdapterMap['textNode']).value ?? '').join('');
        if (body.includes('*{display:none}')) problems.push('<style> with a payload');
        return;
      }
      if (el.tagName === 'template') {
        const content = (el as unknown as { content?: Node }).content;
        if (content) walk(content, false);
      }
    }
    for (const c of (n as Element).childNodes ?? []) walk(c, inHead || el.tagName === 'head');
  };
  walk(doc as unknown as Node, false);
  if (titles > 1) problems.push(`${titles} <title> elements in <head>`);
  return { problems, text: text.join(' ').replace(/\s+/g, ' '), jsonLd };
}

/** Every string inside a JSON value. */
export function jsonStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => jsonStrings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => jsonStrings(x, out));
  return out;
}

/** A spreadsheet cell a spreadsheet program would run as a formula (OWASP CSV injection). */
export const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);
