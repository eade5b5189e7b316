import { geometry } from './kinds.ts';
import type { DesignPage } from './kinds.ts';

/**
 * Where a template's text may go: inside the safe area and, on a round label or a badge logo, inside the
 * circle. Templates are laid out with these frames (scripts/brand-templates.ts writes each text's
 * `frameHeight`); the renderer shrinks longer text to fit them, and the template test checks both.
 */
type O = Record<string, unknown>;
export interface Circle {
  x: number;
  y: number;
  r: number;
}
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The circle text must stay in: a round label's safe circle, or a logo's innermost badge ring. */
export function textCircle(page: DesignPage, objects: readonly O[]): Circle | null {
  const g = geometry(page);
  if (g.round) return { x: g.width / 2, y: g.height / 2, r: g.safe.width / 2 };
  if (page.kind !== 'logo') return null;
  const rings = objects
    .filter((o) => o.type === 'Circle' && Number(o.radius) >= g.width * 0.3)
    .map((o) => ({ x: Number(o.left), y: Number(o.top), r: Number(o.radius) - Number(o.strokeWidth ?? 0) }));
  return rings.sort((a, b) => a.r - b.r)[0] ?? null;
}

const GAP = 0.2;

/**
 * A text's frame in a template: its box clipped to the safe area, down to the next text, QR code or image
 * below it (or the safe area's bottom), and narrowed to the circle's chord over that height.
 */
export function textFrame(page: DesignPage, objects: readonly O[], t: O): Box {
  const g = geometry(page);
  const left = Math.max(Number(t.left), g.safe.left);
  const right = Math.min(Number(t.left) + Number(t.width), g.safe.left + g.safe.width);
  const top = Math.max(Number(t.top), g.safe.top);
  let bottom = g.safe.top + g.safe.height;
  for (const o of objects) {
    if (o === t || !['Textbox', 'QrCode', 'Image'].includes(String(o.type))) continue;
    const oTop = Number(o.top);
    const oLeft = Number(o.left);
    const oRight = oLeft + Number(o.width) * Number(o.scaleX ?? 1);
    if (oTop > top + 1 && oLeft < right && oRight > left) bottom = Math.min(bottom, oTop - Number(t.fontSize ?? 0) * GAP);
  }
  const c = textCircle(page, objects);
  if (!c) return { left, top, width: right - left, height: bottom - top };
  // (2 units inside: a text's box includes its outline.)
  const r0 = c.r - 2;
  // Near the circle's edge the chord vanishes: end the frame where it still keeps 80% of the box's width.
  const keep = 0.4 * (right - left);
  bottom = Math.min(bottom, c.y + Math.sqrt(Math.max(0, r0 * r0 - keep * keep)));
  const dy = Math.max(Math.abs(top - c.y), Math.abs(bottom - c.y));
  const half = Math.sqrt(Math.max(0, r0 * r0 - dy * dy));
  const l = Math.max(left, c.x - half);
  const r = Math.min(right, c.x + half);
  return { left: l, top, width: Math.max(0, r - l), height: bottom - top };
}
