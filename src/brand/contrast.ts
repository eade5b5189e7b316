/** WCAG 2 contrast: text colours on brand colours are picked for >= 4.5:1. */
export function parseHex(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3)
    h = h
      .split('')
      .map((c) => c + c)
      .join('');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.max(0, Math.min(255, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

export function relativeLuminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) return 0;
  const lin = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever reads better on the background. */
export function textOn(bg: string): '#000000' | '#ffffff' {
  return contrastRatio(bg, '#ffffff') >= contrastRatio(bg, '#000000') ? '#ffffff' : '#000000';
}

/**
 * A background and text pair with at least `min` contrast: the colour itself with black or white text
 * when that passes, else the colour darkened step by step until white text passes.
 */
export function readablePair(bg: string, min = 4.5): { bg: string; fg: string } {
  const rgb = parseHex(bg);
  if (!rgb) return { bg: '#1d1d1f', fg: '#ffffff' };
  const norm = toHex(rgb);
  const fg = textOn(norm);
  if (contrastRatio(norm, fg) >= min) return { bg: norm, fg };
  for (let k = 0.95; k > 0; k -= 0.05) {
    const darker = toHex([rgb[0] * k, rgb[1] * k, rgb[2] * k]);
    if (contrastRatio(darker, '#ffffff') >= min) return { bg: darker, fg: '#ffffff' };
  }
  return { bg: '#000000', fg: '#ffffff' };
}

/** A colour used as text on a light page (links, headings): darkened until it reaches `min` on `page`. */
export function readableOn(color: string, page = '#ffffff', min = 4.5): string {
  const rgb = parseHex(color);
  if (!rgb) return '#1d1d1f';
  for (let k = 1; k > 0; k -= 0.05) {
    const c = toHex([rgb[0] * k, rgb[1] * k, rgb[2] * k]);
    if (contrastRatio(c, page) >= min) return c;
  }
  return '#000000';
}
