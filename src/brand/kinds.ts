/**
 * Design kinds and their geometry, shared by the editor (browser) and the renderer (server).
 * Label designs are laid out in units of 0.1 mm over trim + bleed, so the trim box starts at
 * (BLEED_UNITS, BLEED_UNITS); logos and social posts are in pixels of their square.
 */
export const UNITS_PER_MM = 10;
export const BLEED_MM = 3;
export const SAFE_MM = 3;
export const BLEED_UNITS = BLEED_MM * UNITS_PER_MM;
export const PRINT_DPI = 300;
export const LOGO_SIZE = 1000;
export const SOCIAL_SIZE = 1080;

export const DESIGN_KINDS = ['logo', 'label', 'social'] as const;
export type DesignKind = (typeof DESIGN_KINDS)[number];

export const LABEL_PRESETS = {
  round50: { widthMm: 50, heightMm: 50, round: true },
  rect90x55: { widthMm: 90, heightMm: 55, round: false },
  jar200x60: { widthMm: 200, heightMm: 60, round: false },
  pouch120x180: { widthMm: 120, heightMm: 180, round: false },
} as const;
export type LabelPreset = keyof typeof LABEL_PRESETS | 'custom';
export const LABEL_PRESET_IDS = ['round50', 'rect90x55', 'jar200x60', 'pouch120x180', 'custom'] as const;
export const CUSTOM_MIN_MM = 20;
export const CUSTOM_MAX_MM = 297;

/** The page of a design: what the document is laid out on. */
export interface DesignPage {
  kind: DesignKind;
  /** Label presets (labels only). */
  preset?: LabelPreset;
  /** Trim size in millimetres (labels only). */
  widthMm?: number;
  heightMm?: number;
  /** Round die-cut (labels only). */
  round?: boolean;
}

export interface Geometry {
  /** Full document size in design units (labels: trim + 2 × bleed). */
  width: number;
  height: number;
  /** Trim box in design units; equals the document for logos and posts. */
  trim: { left: number; top: number; width: number; height: number };
  /** Safe box: keep text inside it. */
  safe: { left: number; top: number; width: number; height: number };
  round: boolean;
  print: boolean;
}

export function geometry(page: DesignPage): Geometry {
  if (page.kind === 'label') {
    const w = (page.widthMm ?? 90) * UNITS_PER_MM;
    const h = (page.heightMm ?? 55) * UNITS_PER_MM;
    const s = SAFE_MM * UNITS_PER_MM;
    return {
      width: w + 2 * BLEED_UNITS,
      height: h + 2 * BLEED_UNITS,
      trim: { left: BLEED_UNITS, top: BLEED_UNITS, width: w, height: h },
      safe: { left: BLEED_UNITS + s, top: BLEED_UNITS + s, width: w - 2 * s, height: h - 2 * s },
      round: !!page.round,
      print: true,
    };
  }
  const size = page.kind === 'logo' ? LOGO_SIZE : SOCIAL_SIZE;
  const m = Math.round(size * 0.06);
  return {
    width: size,
    height: size,
    trim: { left: 0, top: 0, width: size, height: size },
    safe: { left: m, top: m, width: size - 2 * m, height: size - 2 * m },
    round: false,
    print: false,
  };
}

/** Pixels of the 300 DPI print raster of a label document (trim + bleed); canvases truncate fractional sizes. */
export function printPixels(page: DesignPage): { width: number; height: number; multiplier: number } {
  const g = geometry(page);
  const multiplier = PRINT_DPI / 25.4 / UNITS_PER_MM;
  return { width: Math.floor(g.width * multiplier), height: Math.floor(g.height * multiplier), multiplier };
}

export function pageFromPreset(preset: LabelPreset, custom?: { widthMm: number; heightMm: number; round?: boolean }): DesignPage {
  if (preset === 'custom') {
    return { kind: 'label', preset, widthMm: custom?.widthMm ?? 100, heightMm: custom?.heightMm ?? 60, round: !!custom?.round };
  }
  const p = LABEL_PRESETS[preset];
  return { kind: 'label', preset, widthMm: p.widthMm, heightMm: p.heightMm, round: p.round };
}
