import { describe, expect, it } from 'vitest';
import { looksLikeMarkup } from '#server/branding/markup.ts';

describe('markup in design texts', () => {
  it('finds tags, closing tags with blanks, javascript: URLs and event handlers', () => {
    for (const s of [
      '<script>alert(1)</script>',
      '< / script>',
      '<\n img src=x>',
      '</ svg',
      '<A HREF="x">',
      'javascript :alert(1)',
      'x onload = y',
      '<//iframe',
    ])
      expect(looksLikeMarkup(s), s).toBe(true);
  });
  it('leaves ordinary text alone', () => {
    for (const s of ['Harga < Rp 10.000', '<abbr', 'a <b', 'Pindai untuk pesan ulang', 'dua = 2', `<${' '.repeat(1999)}`, 'x<', ''])
      expect(looksLikeMarkup(s), s).toBe(false);
  });
});
