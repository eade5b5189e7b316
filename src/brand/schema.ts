import { z } from 'zod';
import { FONT_FAMILIES } from './fonts.ts';
import { BIND_KEYS } from './facts.ts';
import { CUSTOM_MAX_MM, CUSTOM_MIN_MM, DESIGN_KINDS, LABEL_PRESET_IDS } from './kinds.ts';

/**
 * The allowlist a saved design must pass (server) and the one the editor serializes with (browser).
 * Fabric's loadFromJSON attaches any property it is given and loads any image src, so only these
 * object types and properties exist, every value is typed and bounded, colours are plain colour
 * strings (no gradients or patterns) and image sources are the shop's own stored files or a bundled
 * asset. Unknown properties are rejected, not dropped, so a tampered design fails loudly.
 */
// 500 objects of full-length text (MAX_TEXT) and their JSON fit; the route's body cap is 1.1 MB.
export const MAX_DESIGN_BYTES = 1_050_000;
export const MAX_OBJECTS = 500;
export const MAX_DEPTH = 4;
export const MAX_TEXT = 2000;

/** Image sources a design may use: this shop's stored design images, or bundled assets. */
export const MEDIA_SRC = /^\/media\/([a-z0-9]{1,32})\/([a-z0-9]{1,32})\/(320|640|1280)\.png$/;
export const ASSET_SRC = /^\/brand\/assets\/([a-z0-9-]{1,40})\.png$/;
export const BUNDLED_ASSETS = ['halal-mark'] as const;

const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+\s*)?\)|[a-zA-Z]{3,20})$/;
const num = (min = -100_000, max = 100_000) => z.number().finite().min(min).max(max);
const color = z.string().max(40).regex(COLOR, { error: 'brand.design.badColor' });
const paint = z.union([color, z.literal(''), z.null()]);
const origin = z.union([z.enum(['left', 'center', 'right', 'top', 'bottom']), num(-10, 10)]);

const common = {
  version: z.string().max(20).optional(),
  originX: origin.optional(),
  originY: origin.optional(),
  left: num().optional(),
  top: num().optional(),
  width: num(0).optional(),
  height: num(0).optional(),
  scaleX: num(-1000, 1000).optional(),
  scaleY: num(-1000, 1000).optional(),
  angle: num(-3600, 3600).optional(),
  skewX: num(-89, 89).optional(),
  skewY: num(-89, 89).optional(),
  flipX: z.boolean().optional(),
  flipY: z.boolean().optional(),
  opacity: num(0, 1).optional(),
  visible: z.boolean().optional(),
  fill: paint.optional(),
  stroke: paint.optional(),
  strokeWidth: num(0, 1000).optional(),
  strokeDashArray: z.array(num(0, 10_000)).max(16).nullable().optional(),
  strokeLineCap: z.enum(['butt', 'round', 'square']).optional(),
  strokeLineJoin: z.enum(['miter', 'round', 'bevel']).optional(),
  strokeUniform: z.boolean().optional(),
  strokeMiterLimit: num(0, 100).optional(),
  paintFirst: z.enum(['fill', 'stroke']).optional(),
  fillRule: z.enum(['nonzero', 'evenodd']).optional(),
  backgroundColor: paint.optional(),
  shadow: z
    .object({
      color: color,
      blur: num(0, 500),
      offsetX: num(-1000, 1000),
      offsetY: num(-1000, 1000),
      affectStroke: z.boolean().optional(),
      nonScaling: z.boolean().optional(),
      type: z.literal('shadow').optional(),
    })
    .strict()
    .nullable()
    .optional(),
  // Etalase's own properties: layer name, lock, and the label fact the object shows.
  name: z.string().max(80).optional(),
  locked: z.boolean().optional(),
  factKey: z.enum(BIND_KEYS).optional(),
};

const rect = z.object({ type: z.literal('Rect'), ...common, rx: num(0).optional(), ry: num(0).optional() }).strict();
const circle = z
  .object({
    type: z.literal('Circle'),
    ...common,
    radius: num(0).optional(),
    startAngle: num(-720, 720).optional(),
    endAngle: num(-720, 720).optional(),
    counterClockwise: z.boolean().optional(),
  })
  .strict();
const ellipse = z.object({ type: z.literal('Ellipse'), ...common, rx: num(0).optional(), ry: num(0).optional() }).strict();
const triangle = z.object({ type: z.literal('Triangle'), ...common }).strict();
const line = z.object({ type: z.literal('Line'), ...common, x1: num(), y1: num(), x2: num(), y2: num() }).strict();
const point = z.object({ x: num(), y: num() }).strict();
const polygon = z.object({ type: z.enum(['Polygon', 'Polyline']), ...common, points: z.array(point).max(2000) }).strict();
const pathCmd = z
  .tuple([z.enum(['M', 'L', 'H', 'V', 'C', 'S', 'Q', 'T', 'A', 'Z', 'm', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a', 'z'])])
  .rest(num(-1e6, 1e6));
const path = z.object({ type: z.literal('Path'), ...common, path: z.array(pathCmd).max(5000) }).strict();
const textbox = z
  .object({
    type: z.literal('Textbox'),
    ...common,
    text: z.string().max(MAX_TEXT),
    fontSize: num(1, 2000).optional(),
    fontWeight: z.union([z.enum(['normal', 'bold']), z.number().int().min(100).max(900)]).optional(),
    fontFamily: z.enum(FONT_FAMILIES as [string, ...string[]], { error: 'brand.design.badFont' }).optional(),
    fontStyle: z.enum(['normal', 'italic']).optional(),
    lineHeight: num(0.3, 5).optional(),
    charSpacing: num(-500, 2000).optional(),
    textAlign: z.enum(['left', 'center', 'right', 'justify', 'justify-left', 'justify-center', 'justify-right']).optional(),
    underline: z.boolean().optional(),
    overline: z.boolean().optional(),
    linethrough: z.boolean().optional(),
    textBackgroundColor: paint.optional(),
    minWidth: num(0).optional(),
    splitByGrapheme: z.boolean().optional(),
    // The height a template gives the text: longer text shrinks to fit it (render.ts fitText).
    frameHeight: num(0).optional(),
    // Per-character styles are not offered; an empty list is what Fabric writes for none.
    styles: z.union([z.array(z.never()).max(0), z.object({}).strict()]).optional(),
  })
  .strict();
const image = z
  .object({
    type: z.literal('Image'),
    ...common,
    src: z.string().max(300),
    cropX: num(0).optional(),
    cropY: num(0).optional(),
    filters: z.array(z.never()).max(0).optional(),
    crossOrigin: z.union([z.literal('anonymous'), z.null()]).optional(),
  })
  .strict();
/** The QR code of the product's short link; drawn by the app from the bound URL, never loaded. */
const qr = z.object({ type: z.literal('QrCode'), ...common }).strict();

export type DesignObject =
  | z.infer<typeof rect>
  | z.infer<typeof circle>
  | z.infer<typeof ellipse>
  | z.infer<typeof triangle>
  | z.infer<typeof line>
  | z.infer<typeof polygon>
  | z.infer<typeof path>
  | z.infer<typeof textbox>
  | z.infer<typeof image>
  | z.infer<typeof qr>
  | { type: 'Group'; objects: DesignObject[]; [k: string]: unknown };

const group: z.ZodType<DesignObject> = z.lazy(() =>
  z
    .object({
      type: z.literal('Group'),
      ...common,
      objects: z.array(designObject).max(MAX_OBJECTS),
      subTargetCheck: z.boolean().optional(),
      interactive: z.boolean().optional(),
    })
    .strict(),
) as unknown as z.ZodType<DesignObject>;

const TYPES = [
  'Rect',
  'Circle',
  'Ellipse',
  'Triangle',
  'Line',
  'Polygon',
  'Polyline',
  'Path',
  'Textbox',
  'Image',
  'QrCode',
  'Group',
] as const;
export const designObject: z.ZodType<DesignObject> = z.lazy(() =>
  z.discriminatedUnion('type', [rect, circle, ellipse, triangle, line, polygon, path, textbox, image, qr, group as never], {
    error: 'brand.design.badType',
  }),
) as unknown as z.ZodType<DesignObject>;

export const designPage = z
  .object({
    kind: z.enum(DESIGN_KINDS),
    preset: z.enum(LABEL_PRESET_IDS).optional(),
    widthMm: num(CUSTOM_MIN_MM, CUSTOM_MAX_MM).optional(),
    heightMm: num(CUSTOM_MIN_MM, CUSTOM_MAX_MM).optional(),
    round: z.boolean().optional(),
  })
  .strict();

export const designDoc = z
  .object({
    v: z.literal(1),
    page: designPage,
    background: paint,
    objects: z.array(designObject).max(MAX_OBJECTS),
  })
  .strict();
export type DesignDoc = z.infer<typeof designDoc>;

/** Keys the editor keeps when serializing an object (everything else Fabric writes is dropped). */
export const ALLOWED_KEYS: Record<string, readonly string[]> = (() => {
  const shapes = {
    Rect: rect,
    Circle: circle,
    Ellipse: ellipse,
    Triangle: triangle,
    Line: line,
    Polygon: polygon,
    Polyline: polygon,
    Path: path,
    Textbox: textbox,
    Image: image,
    QrCode: qr,
  };
  const out: Record<string, string[]> = {};
  for (const [t, s] of Object.entries(shapes)) out[t] = Object.keys(s.shape);
  out.Group = ['type', ...Object.keys(common), 'objects', 'subTargetCheck', 'interactive'];
  return out;
})();
export const OBJECT_TYPES = TYPES;
export const CUSTOM_PROPS = ['name', 'locked', 'factKey', 'frameHeight'] as const;

export interface ShapeProblem {
  field: string;
  key: string;
}

/**
 * Caps checked before the schema, so a huge or deeply nested design fails fast with a clear message:
 * serialized size, object count (groups counted with their members) and nesting depth.
 */
export function checkCaps(raw: unknown): ShapeProblem | null {
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return { field: 'doc', key: 'brand.design.notJson' };
  }
  if (size > MAX_DESIGN_BYTES) return { field: 'doc', key: 'brand.design.tooLarge' };
  let count = 0;
  let tooDeep = false;
  const walk = (list: unknown, depth: number) => {
    if (!Array.isArray(list)) return;
    if (depth > MAX_DEPTH) {
      tooDeep = true;
      return;
    }
    for (const o of list) {
      count++;
      if (count > MAX_OBJECTS) return;
      if (o && typeof o === 'object' && 'objects' in o) walk((o as { objects: unknown }).objects, depth + 1);
    }
  };
  walk((raw as { objects?: unknown } | null)?.objects, 1);
  if (count > MAX_OBJECTS) return { field: 'doc.objects', key: 'brand.design.tooManyObjects' };
  if (tooDeep) return { field: 'doc.objects', key: 'brand.design.tooDeep' };
  return null;
}

/** Every image src in a design (groups included). */
export function imageSources(objects: readonly DesignObject[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    if (o.type === 'Image') out.push((o as { src: string }).src);
    if (o.type === 'Group') out.push(...imageSources((o as { objects: DesignObject[] }).objects));
  }
  return out;
}

/** Is a src one of the two allowed forms? (Which shop the media belongs to is checked by the server.) */
export function srcForm(
  src: string,
): { kind: 'media'; shopId: string; mediaId: string; width: string } | { kind: 'asset'; name: string } | null {
  const m = MEDIA_SRC.exec(src);
  if (m) return { kind: 'media', shopId: m[1]!, mediaId: m[2]!, width: m[3]! };
  const a = ASSET_SRC.exec(src);
  if (a && (BUNDLED_ASSETS as readonly string[]).includes(a[1]!)) return { kind: 'asset', name: a[1]! };
  return null;
}

/** Keep only allowlisted keys (recursively), as the editor does before saving. */
export function pickAllowed(o: Record<string, unknown>): Record<string, unknown> {
  const keys = ALLOWED_KEYS[String(o.type)] ?? [];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (o[k] === undefined) continue;
    if (k === 'objects' && Array.isArray(o.objects)) out.objects = o.objects.map((c) => pickAllowed(c as Record<string, unknown>));
    else if (k === 'styles') out.styles = [];
    else if (k === 'filters') out.filters = [];
    else out[k] = o[k];
  }
  return out;
}
