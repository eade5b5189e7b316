import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { FONT_FACES } from '#brand/fonts.ts';
import { loadDesign, multiplierFor, type Fabric } from '#brand/render.ts';
import { BLEED_MM, geometry, printPixels } from '#brand/kinds.ts';
import { imageSources, srcForm, type DesignDoc } from '#brand/schema.ts';
import type { LabelFacts } from '#brand/facts.ts';
import { storage } from '../media/storage.ts';
import { fontFilePath } from './fonts-node.ts';

/**
 * Server-side rendering of saved designs with fabric/node + node-canvas. Fonts are the bundled TTF
 * files registered with node-canvas before the first canvas exists (librsvg inside sharp would ignore
 * them, so text never goes through SVG). Images are read from local storage, never fetched.
 */
const require = createRequire(import.meta.url);
let fabricPromise: Promise<Fabric> | undefined;

export function nodeFabric(): Promise<Fabric> {
  fabricPromise ??= (async () => {
    const { registerFont } = require('canvas') as typeof import('canvas');
    for (const f of FONT_FACES) registerFont(fontFilePath(f), { family: f.family, weight: String(f.weight), style: f.style });
    return (await import('fabric/node')) as unknown as Fabric;
  })();
  return fabricPromise;
}

/** Bundled image assets (the halal mark) shipped in public/brand/assets. */
export async function readAsset(name: string): Promise<Buffer | null> {
  for (const dir of [path.resolve('public/brand/assets'), path.resolve('dist/client/brand/assets')]) {
    try {
      return await fs.readFile(path.join(dir, `${name}.png`));
    } catch {
      /* next */
    }
  }
  return null;
}

/** Read every (already validated) image of a design from storage into data: URLs. Nothing is fetched. */
async function sourceMap(shopId: string, doc: DesignDoc): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const src of imageSources(doc.objects)) {
    if (out.has(src)) continue;
    const form = srcForm(src);
    let bytes: Buffer | null = null;
    if (form?.kind === 'media' && form.shopId === shopId) bytes = await storage().get(`${form.shopId}/${form.mediaId}/${form.width}.png`);
    else if (form?.kind === 'asset') bytes = await readAsset(form.name);
    // A missing file renders as an empty (transparent) pixel rather than failing the whole export.
    out.set(src, `data:image/png;base64,${(bytes ?? TRANSPARENT_PX).toString('base64')}`);
  }
  return out;
}
const TRANSPARENT_PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface NodeRenderInput {
  shopId: string;
  doc: DesignDoc;
  facts: LabelFacts | null;
  transparent?: boolean;
}

/** The design loaded into a node StaticCanvas with its images read from storage (the caller disposes it). */
export async function loadForNode(input: NodeRenderInput) {
  const fabric = await nodeFabric();
  const map = await sourceMap(input.shopId, input.doc);
  return loadDesign(fabric, input.doc, {
    facts: input.facts,
    transparent: input.transparent,
    resolveSrc: (s) => map.get(s) ?? s,
  });
}

/** PNG of the whole document (labels: trim + bleed) scaled by `multiplier`. */
export async function renderPngMultiplier(input: NodeRenderInput, multiplier: number): Promise<Buffer> {
  const canvas = await loadForNode(input);
  try {
    const el = canvas.toCanvasElement(multiplier) as unknown as { toDataURL(type: string): string };
    return Buffer.from(el.toDataURL('image/png').split(',')[1]!, 'base64');
  } finally {
    canvas.dispose();
  }
}

/** Opaque RGB PNG for PDFs: pdfkit embeds an RGB PNG's compressed data as is, but re-encodes one with alpha in JS. */
async function printRaster(input: NodeRenderInput, multiplier: number): Promise<Buffer> {
  const png = await renderPngMultiplier(input, multiplier);
  return sharp(png).flatten({ background: '#ffffff' }).png({ compressionLevel: 6 }).toBuffer();
}

/** PNG whose longer side is `px`. */
export function renderPng(input: NodeRenderInput, px: number): Promise<Buffer> {
  return renderPngMultiplier(input, multiplierFor(input.doc, px));
}

const PT_PER_MM = 72 / 25.4;

function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Print PDF of a label: one page of trim + 3 mm bleed on every side, the artwork as a 300 DPI raster
 * over the whole page, and crop marks in the bleed at the four trim corners.
 */
export async function renderPrintPdf(input: NodeRenderInput, title: string): Promise<Buffer> {
  const page = input.doc.page;
  if (page.kind !== 'label') throw new Error('print PDF is for labels');
  const px = printPixels(page);
  const png = await printRaster(input, px.multiplier);
  const g = geometry(page);
  const wPt = (g.width / 10) * PT_PER_MM;
  const hPt = (g.height / 10) * PT_PER_MM;
  const pdf = new PDFDocument({ size: [wPt, hPt], margin: 0, info: { Title: title, Creator: 'Etalase' } });
  pdf.image(png, 0, 0, { width: wPt, height: hPt });
  drawCropMarks(pdf, wPt, hPt, BLEED_MM * PT_PER_MM);
  return pdfBuffer(pdf);
}

/** Crop marks at the trim corners, inside the bleed (the page is exactly trim + bleed). */
export function drawCropMarks(pdf: PDFKit.PDFDocument, w: number, h: number, b: number): void {
  const gap = 0.5 * PT_PER_MM;
  const segs: [number, number, number, number][] = [];
  for (const x of [b, w - b])
    for (const [y0, y1] of [
      [0, b - gap],
      [h - b + gap, h],
    ] as const)
      segs.push([x, y0, x, y1]);
  for (const y of [b, h - b])
    for (const [x0, x1] of [
      [0, b - gap],
      [w - b + gap, w],
    ] as const)
      segs.push([x0, y, x1, y]);
  // A white line under a black one: visible on any artwork colour.
  for (const [lw, colour] of [
    [1.2, '#ffffff'],
    [0.5, '#000000'],
  ] as const) {
    pdf.save().lineWidth(lw).strokeColor(colour);
    for (const [x0, y0, x1, y1] of segs) pdf.moveTo(x0, y0).lineTo(x1, y1).stroke();
    pdf.restore();
  }
}

export const A4_MM = { width: 210, height: 297 };
const SHEET_MARGIN_MM = 10;
const SHEET_GAP_MM = 4;

/** How many labels of a trim size fit on A4 (columns × rows). */
export function sheetLayout(widthMm: number, heightMm: number) {
  const usableW = A4_MM.width - 2 * SHEET_MARGIN_MM;
  const usableH = A4_MM.height - 2 * SHEET_MARGIN_MM - 6; // a line of text at the bottom
  const cols = Math.max(1, Math.floor((usableW + SHEET_GAP_MM) / (widthMm + SHEET_GAP_MM)));
  const rows = Math.max(1, Math.floor((usableH + SHEET_GAP_MM) / (heightMm + SHEET_GAP_MM)));
  const scale = Math.min(1, usableW / widthMm, usableH / heightMm);
  return { cols, rows, count: cols * rows, scale };
}

/** A4 sticker sheet: the label tiled at its trim size with thin cut lines around each (circles for round labels). */
export async function renderStickerSheet(input: NodeRenderInput, title: string): Promise<{ pdf: Buffer; count: number }> {
  const page = input.doc.page;
  if (page.kind !== 'label') throw new Error('sticker sheet is for labels');
  const px = printPixels(page);
  const png = await printRaster(input, px.multiplier);
  const wMm = page.widthMm!;
  const hMm = page.heightMm!;
  const lay = sheetLayout(wMm, hMm);
  const pdf = new PDFDocument({ size: 'A4', margin: 0, info: { Title: title, Creator: 'Etalase' } });
  const img = (pdf as unknown as { openImage(b: Buffer): unknown }).openImage(png) as unknown as Buffer;
  const w = wMm * PT_PER_MM * lay.scale;
  const h = hMm * PT_PER_MM * lay.scale;
  const b = BLEED_MM * PT_PER_MM * lay.scale;
  const gridW = lay.cols * w + (lay.cols - 1) * SHEET_GAP_MM * PT_PER_MM;
  const x0 = (A4_MM.width * PT_PER_MM - gridW) / 2;
  const y0 = SHEET_MARGIN_MM * PT_PER_MM;
  for (let r = 0; r < lay.rows; r++) {
    for (let c = 0; c < lay.cols; c++) {
      const x = x0 + c * (w + SHEET_GAP_MM * PT_PER_MM);
      const y = y0 + r * (h + SHEET_GAP_MM * PT_PER_MM);
      pdf.save();
      if (page.round) pdf.ellipse(x + w / 2, y + h / 2, w / 2, h / 2).clip();
      else pdf.rect(x, y, w, h).clip();
      pdf.image(img, x - b, y - b, { width: w + 2 * b, height: h + 2 * b });
      pdf.restore();
      pdf.save().lineWidth(0.4).strokeColor('#8a8a94').dash(2, { space: 1.5 });
      if (page.round) pdf.ellipse(x + w / 2, y + h / 2, w / 2, h / 2).stroke();
      else pdf.rect(x, y, w, h).stroke();
      pdf.undash().restore();
    }
  }
  pdf
    .fontSize(8)
    .fillColor('#5b5b66')
    .text(
      `${title} · ${lay.count} label ${wMm}×${hMm} mm · potong mengikuti garis putus-putus`,
      SHEET_MARGIN_MM * PT_PER_MM,
      (A4_MM.height - SHEET_MARGIN_MM) * PT_PER_MM - 4,
      { width: (A4_MM.width - 2 * SHEET_MARGIN_MM) * PT_PER_MM, align: 'center', lineBreak: false },
    );
  return { pdf: await pdfBuffer(pdf), count: lay.count };
}

/** One render at a time: exports are CPU-heavy and the server shares two cores with everything else. */
let queue: Promise<unknown> = Promise.resolve();
export function queued<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Open Graph share image (1200 × 630): the logo on the brand colour with the shop's name and tagline. */
export async function renderOgImage(o: {
  logoPng: Buffer | null;
  name: string;
  tagline: string;
  bg: string;
  fg: string;
  headingFont: string;
  bodyFont: string;
}): Promise<Buffer> {
  const fabric = await nodeFabric();
  const canvas = new fabric.StaticCanvas(undefined, { width: 1200, height: 630, enableRetinaScaling: false, renderOnAddRemove: false });
  canvas.backgroundColor = o.bg;
  const textLeft = o.logoPng ? 560 : 90;
  if (o.logoPng) {
    const img = await fabric.FabricImage.fromURL(`data:image/png;base64,${o.logoPng.toString('base64')}`);
    img.set({ originX: 'left', originY: 'top', left: 80, top: 95 });
    img.scaleToWidth(440);
    canvas.add(img);
  }
  const title = new fabric.Textbox(o.name, {
    originX: 'left',
    originY: 'top',
    left: textLeft,
    top: 0,
    width: 1200 - textLeft - 80,
    fontFamily: o.headingFont,
    fontWeight: 700,
    fontSize: 76,
    lineHeight: 1.05,
    fill: o.fg,
  });
  const sub = new fabric.Textbox(o.tagline, {
    originX: 'left',
    originY: 'top',
    left: textLeft,
    top: 0,
    width: 1200 - textLeft - 80,
    fontFamily: o.bodyFont,
    fontWeight: 400,
    fontSize: 38,
    lineHeight: 1.25,
    fill: o.fg,
    opacity: 0.92,
  });
  const gap = o.tagline ? 28 : 0;
  const total = title.height + gap + (o.tagline ? sub.height : 0);
  title.set({ top: (630 - total) / 2 });
  sub.set({ top: title.top + title.height + gap });
  canvas.add(title);
  if (o.tagline) canvas.add(sub);
  canvas.renderAll();
  try {
    const el = canvas.toCanvasElement(1) as unknown as { toDataURL(type: string): string };
    return Buffer.from(el.toDataURL('image/png').split(',')[1]!, 'base64');
  } finally {
    canvas.dispose();
  }
}
