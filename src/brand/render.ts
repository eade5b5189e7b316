import type * as FabricNS from 'fabric';
import { boundText, PLACEHOLDER_FILL, type BindKey, type LabelFacts } from './facts.ts';
import { geometry } from './kinds.ts';
import { qrModules, QR_MARGIN } from './qr.ts';
import type { DesignDoc, DesignObject } from './schema.ts';

/**
 * One renderer for the editor (fabric in the browser) and the server (fabric/node + node-canvas):
 * bind the label facts, map image sources, load the objects into a StaticCanvas and draw. Both sides
 * load the same bundled TTF files, so the pictures match.
 */
export type Fabric = typeof FabricNS;

const registered = new WeakSet<object>();

/** Registers Etalase's QrCode class (a rectangle that draws the QR of its bound URL). */
export function registerEtalaseClasses(fabric: Fabric): void {
  if (registered.has(fabric.classRegistry)) return;
  registered.add(fabric.classRegistry);
  class QrCode extends fabric.Rect {
    static type = 'QrCode';
    declare qrText: string;
    _render(ctx: CanvasRenderingContext2D) {
      const w = this.width;
      const h = this.height;
      const bg = typeof this.backgroundColor === 'string' && this.backgroundColor ? this.backgroundColor : '#ffffff';
      ctx.fillStyle = bg;
      ctx.fillRect(-w / 2, -h / 2, w, h);
      const { size, dark } = qrModules(this.qrText || 'https://etalase');
      const cell = Math.min(w, h) / (size + 2 * QR_MARGIN);
      const ox = -w / 2 + (w - cell * size) / 2;
      const oy = -h / 2 + (h - cell * size) / 2;
      ctx.beginPath();
      for (let r = 0; r < size; r++) {
        let c = 0;
        while (c < size) {
          if (!dark(r, c)) {
            c++;
            continue;
          }
          const start = c;
          while (c < size && dark(r, c)) c++;
          ctx.rect(ox + start * cell, oy + r * cell, (c - start) * cell, cell);
        }
      }
      ctx.fillStyle = typeof this.fill === 'string' && this.fill ? this.fill : '#000000';
      ctx.fill('nonzero');
    }
  }
  fabric.classRegistry.setClass(QrCode, 'QrCode');
  // Kerning on, like Pango on the server: the editor, Chromium exports and server exports measure and
  // draw text the same way.
  const textProto = fabric.FabricText.prototype as unknown as { _setTextStyles(ctx: CanvasRenderingContext2D, ...rest: unknown[]): void };
  const setStyles = textProto._setTextStyles;
  textProto._setTextStyles = function (ctx, ...rest) {
    setStyles.call(this, ctx, ...rest);
    if ('textRendering' in ctx) ctx.textRendering = 'optimizeLegibility';
    if ('fontKerning' in ctx) ctx.fontKerning = 'normal';
  };
  // backgroundColor is drawn by _render itself, not behind the object.
  (QrCode.prototype as unknown as { _renderBackground: () => void })._renderBackground = () => {};
}

type Obj = DesignObject & Record<string, unknown>;

/** A copy of the objects with facts bound: fact texts, the halal mark shown only when certified, the QR URL. */
export function bindFacts(objects: readonly DesignObject[], facts: LabelFacts | null): DesignObject[] {
  return objects.map((o0) => {
    const o = { ...(o0 as Obj) };
    if (o.type === 'Group') o.objects = bindFacts(o.objects as DesignObject[], facts);
    // Fabric widens a text box to its longest word when it loads; the frame is the width the design gave it.
    if (o.type === 'Textbox' && o.frameHeight) o[FRAME_WIDTH] = o.width;
    const key = o.factKey as BindKey | undefined;
    if (!key || !facts) {
      if (o.type === 'QrCode') o.qrText = facts?.shortUrl || 'https://etalase';
      return o as DesignObject;
    }
    if (key === 'halal') o.visible = o.visible !== false && !!facts.halalNumber;
    else if (key === 'qr') o.qrText = facts.shortUrl || 'https://etalase';
    else if (o.type === 'Textbox') {
      const b = boundText(key, facts);
      if (b) {
        o.text = b.text;
        if (b.placeholder) {
          o[FACT_FILL] = o.fill;
          o.fill = PLACEHOLDER_FILL;
        }
      }
    }
    return o as DesignObject;
  });
}

/**
 * Properties the renderer changes for display only; the editor saves the stashed value instead (a placeholder's
 * red and a shrunk font size are never written into the document).
 */
export const FACT_FILL = '__factFill';
export const FRAME_FONT = '__frameFont';
export const FRAME_WIDTH = '__frameWidth';
export const DISPLAY_STASH = [
  ['fill', FACT_FILL],
  ['fontSize', FRAME_FONT],
] as const;

type FitText = FabricNS.Textbox & { frameHeight?: number; [FRAME_FONT]?: number; [FRAME_WIDTH]?: number };

/**
 * Fit a framed text (one with `frameHeight`) into its frame: its width stays, long words and long text shrink
 * the font from the design's size until every word fits the width and all lines fit the height.
 */
export function fitText(t: FabricNS.FabricObject): void {
  const o = t as FitText;
  if (!o.frameHeight || typeof o.initDimensions !== 'function') return;
  const width = (o[FRAME_WIDTH] ??= o.width);
  const max = (o[FRAME_FONT] ??= o.fontSize);
  o.set({ fontSize: max });
  for (let i = 0; i < 80; i++) {
    o.initDimensions();
    if (o.width <= width + 0.01 && o.height <= o.frameHeight) break;
    o.set({ fontSize: o.fontSize * 0.95, width });
  }
  o.set({ width });
  o.initDimensions();
  o.setCoords();
}

/** fitText over a list of canvas objects, groups included. */
export function fitAll(fabric: Fabric, list: FabricNS.FabricObject[]): void {
  for (const o of list) {
    if (o instanceof fabric.Group) fitAll(fabric, o.getObjects());
    else if (o instanceof fabric.Textbox) fitText(o);
  }
}

/** Map every image src (groups included). The server maps to local bytes; the browser keeps same-origin paths. */
export function mapSources(objects: readonly DesignObject[], map: (src: string) => string): DesignObject[] {
  return objects.map((o0) => {
    const o = { ...(o0 as Obj) };
    if (o.type === 'Group') o.objects = mapSources(o.objects as DesignObject[], map);
    if (o.type === 'Image') {
      o.src = map(String(o.src));
      o.crossOrigin = null;
    }
    return o as DesignObject;
  });
}

/** Font faces a design uses, as CSS font shorthands (the browser loads them before drawing). */
export function usedFonts(objects: readonly DesignObject[]): Set<string> {
  const out = new Set<string>();
  const walk = (list: readonly DesignObject[]) => {
    for (const o of list as Obj[]) {
      if (o.type === 'Group') walk(o.objects as DesignObject[]);
      if (o.type === 'Textbox') {
        const w = o.fontWeight === 'bold' ? 700 : o.fontWeight === 'normal' || o.fontWeight === undefined ? 400 : o.fontWeight;
        out.add(`${o.fontStyle === 'italic' ? 'italic' : 'normal'} ${w} 20px "${String(o.fontFamily ?? 'Times New Roman')}"`);
      }
    }
  };
  walk(objects);
  return out;
}

export interface RenderOptions {
  facts: LabelFacts | null;
  /** Map a validated src to what the canvas loads (data: URL on the server). */
  resolveSrc?: (src: string) => string;
  /** Drop the page background (logos with transparency). */
  transparent?: boolean;
}

/** Load a design into a fresh StaticCanvas at design units (1:1). */
export async function loadDesign(fabric: Fabric, doc: DesignDoc, opts: RenderOptions): Promise<FabricNS.StaticCanvas> {
  registerEtalaseClasses(fabric);
  const g = geometry(doc.page);
  const canvas = new fabric.StaticCanvas(undefined, {
    width: g.width,
    height: g.height,
    enableRetinaScaling: false,
    renderOnAddRemove: false,
  });
  let objects = bindFacts(doc.objects, opts.facts);
  objects = mapSources(objects, opts.resolveSrc ?? ((s) => s));
  await canvas.loadFromJSON({ version: fabric.version, objects });
  // Draw straight to the output: cached object bitmaps get resampled when composited, which blurs text
  // differently in Skia and cairo.
  const uncache = (list: FabricNS.FabricObject[]) =>
    list.forEach((o) => {
      o.objectCaching = false;
      if (o instanceof fabric.Group) uncache(o.getObjects());
    });
  uncache(canvas.getObjects());
  fitAll(fabric, canvas.getObjects());
  canvas.backgroundColor = opts.transparent || !doc.background ? '' : doc.background;
  canvas.renderAll();
  return canvas;
}

/** Multiplier that makes the longer side `px` pixels. */
export function multiplierFor(doc: DesignDoc, px: number): number {
  const g = geometry(doc.page);
  return px / Math.max(g.width, g.height);
}
