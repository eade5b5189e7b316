/**
 * JSON for a `<script type="application/ld+json">` element. JSON.stringify leaves `<`, `>` and `&` as
 * they are, so a product named `</script><script>…` would end the element; U+2028/2029 are line breaks
 * to old JavaScript parsers. All five become \u escapes, which JSON readers decode back to the same text.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
