import * as fabric from 'fabric';
import { FACT_FILL, fitText, FRAME_FONT } from '../render.ts';
import type { DesignDocument } from './document.ts';
import type { Obj, Studio } from './state.ts';

export interface Properties {
  /** Set a property on every selected object (queued). */
  set(key: string, value: unknown): Promise<void>;
}

function toHex(c: unknown): string {
  if (typeof c !== 'string' || !c) return '#000000';
  if (/^#[0-9a-f]{6}$/i.test(c)) return c;
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.fillStyle = c;
  return /^#[0-9a-f]{6}$/i.test(ctx.fillStyle) ? ctx.fillStyle : '#000000';
}

const TEXT_ONLY = new Set(['fontFamily', 'fontSize', 'fontWeight', 'textAlign', 'text']);

/** The properties panel: shows the selection's colours and text settings and applies changes to it. */
export function setupProperties(s: Studio, doc: DesignDocument, unit: number): Properties {
  const { canvas, state, msg } = s;
  const textField = s.$('#text-field')!;
  const propText = s.$<HTMLTextAreaElement>('#prop-text')!;
  const boundHint = s.$('#bound-hint')!;
  const fontFields = s.$('#font-fields')!;
  const fill = s.$<HTMLInputElement>('#prop-fill')!;
  const stroke = s.$<HTMLInputElement>('#prop-stroke')!;
  const font = s.$<HTMLSelectElement>('#prop-font')!;
  const size = s.$<HTMLInputElement>('#prop-size')!;
  const weight = s.$<HTMLSelectElement>('#prop-weight')!;
  const align = s.$<HTMLSelectElement>('#prop-align')!;

  function show() {
    const a = canvas.getActiveObject() as Obj | undefined;
    const isText = a instanceof fabric.Textbox;
    // Only labels bind facts; elsewhere a leftover factKey is plain text.
    const key = state.design.kind === 'label' ? a?.factKey : undefined;
    textField.hidden = !isText || !!key;
    fontFields.hidden = !isText;
    boundHint.hidden = !key;
    if (key) boundHint.textContent = msg('brand.boundFact', { fact: msg(`brand.fact.${key}`) });
    if (!a) return;
    fill.value = toHex(a.fill);
    stroke.value = toHex(a.stroke);
    if (isText) {
      const t = a as fabric.Textbox;
      propText.value = t.text;
      font.value = t.fontFamily;
      size.value = String(Math.round(t.fontSize));
      weight.value = String(t.fontWeight === 'bold' ? 700 : t.fontWeight === 'normal' ? 400 : t.fontWeight);
      align.value = t.textAlign;
    }
  }
  async function apply(key: string, value: unknown) {
    const list = canvas.getActiveObjects() as Obj[];
    if (!list.length) return;
    if (key === 'fontFamily' || key === 'fontWeight') {
      const sample = list.find((o) => o instanceof fabric.Textbox) as fabric.Textbox | undefined;
      const fam = key === 'fontFamily' ? String(value) : (sample?.fontFamily ?? 'Poppins');
      const w = key === 'fontWeight' ? Number(value) : (sample?.fontWeight ?? 400);
      await document.fonts.load(`${w} 20px "${fam}"`).catch(() => []);
      fabric.cache.clearFontCache(fam);
    }
    for (const o of list as (Obj & Record<string, unknown>)[]) {
      if (TEXT_ONLY.has(key) && !(o instanceof fabric.Textbox)) continue;
      // A placeholder stays red and a framed text stays fitted: the chosen value is what gets saved.
      if (key === 'fill' && o[FACT_FILL] !== undefined) o[FACT_FILL] = value;
      else if (key === 'fill' && o instanceof fabric.Line) o.set('stroke', value);
      else o.set(key as keyof Obj, value as never);
      if (key === 'fontSize' && o[FRAME_FONT] !== undefined) o[FRAME_FONT] = value;
      if (o instanceof fabric.Textbox) {
        o.initDimensions();
        fitText(o);
      }
      o.setCoords();
    }
    canvas.requestRenderAll();
    doc.snapshot();
  }
  const set = (key: string, value: unknown) => s.queue.serial(() => apply(key, value));

  propText.addEventListener('input', () => set('text', propText.value));
  fill.addEventListener('change', () => set('fill', fill.value));
  stroke.addEventListener('change', () => {
    void set('stroke', stroke.value);
    const a = canvas.getActiveObject();
    if (a && !a.strokeWidth) void set('strokeWidth', Math.max(2, unit * 0.006));
  });
  font.addEventListener('change', () => set('fontFamily', font.value));
  size.addEventListener('change', () => set('fontSize', Number(size.value)));
  weight.addEventListener('change', () => set('fontWeight', Number(weight.value)));
  align.addEventListener('change', () => set('textAlign', align.value));
  for (const ev of ['selection:created', 'selection:updated', 'selection:cleared'] as const) {
    canvas.on(ev, () => {
      show();
      s.views.layers();
    });
  }
  s.views.props = show;
  return { set };
}
