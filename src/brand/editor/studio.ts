import './zod-jitless.ts';
import * as fabric from 'fabric';
import { loadDesign, registerEtalaseClasses, multiplierFor } from '../render.ts';
import type { DesignDoc } from '../schema.ts';
import type { LabelFacts } from '../facts.ts';
import { StudioApi } from './api.ts';
import { setupAlign } from './align.ts';
import { ensureFonts, setupDocument } from './document.ts';
import { setupKeyboard } from './keyboard.ts';
import { setupLabelFacts } from './label-facts.ts';
import { setupLayers } from './layers.ts';
import { messenger } from './messages.ts';
import { setupObjects } from './objects.ts';
import { setupProperties } from './properties.ts';
import { setupSheet } from './sheet.ts';
import { createQueue } from './queue.ts';
import { createCanvas, setupStage } from './stage.ts';
import { createState, type Studio, type StudioInit } from './state.ts';
import { setupToolbar } from './toolbar.ts';
import { setupTouch } from './touch.ts';
import { setupVersions } from './versions.ts';

export { ensureFonts };

/** For tests and exports in the page: the same renderer the server uses, with the browser's fabric. */
export async function renderInBrowser(
  doc: DesignDoc,
  facts: LabelFacts | null,
  px: number,
  transparent = false,
  multiplier?: number,
): Promise<string> {
  await ensureFonts(doc.objects);
  const canvas = await loadDesign(fabric, doc, { facts, transparent });
  try {
    return canvas.toCanvasElement(multiplier ?? multiplierFor(doc, px)).toDataURL('image/png');
  } finally {
    canvas.dispose();
  }
}

/**
 * The brand studio island (only on /dashboard/[shop]/brand?design=…), composed from its modules. Fabric in
 * the browser; the design is loaded through the same binding code the server renders with and saved through
 * the same allowlist the server validates against. Text is only ever set as Fabric text (canvas glyphs) or
 * DOM textContent/value, never as HTML. Its words come from the page (`init.messages`).
 */
export async function startStudio(root: HTMLElement): Promise<void> {
  registerEtalaseClasses(fabric);
  const init = JSON.parse(root.dataset.init ?? '{}') as StudioInit;
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector(sel) as T | null;
  const status = $('#status')!;
  const msg = messenger(init.messages);
  const s: Studio = {
    root,
    init,
    $,
    msg,
    state: createState(init),
    canvas: createCanvas($('#design-canvas') as HTMLCanvasElement),
    api: new StudioApi(init.shop.slug, msg),
    queue: createQueue((busy) => {
      if (busy) root.setAttribute('aria-busy', 'true');
      else root.removeAttribute('aria-busy');
    }),
    setStatus: (text) => {
      status.textContent = text;
    },
    views: { layers: () => {}, props: () => {}, missing: () => {}, versions: () => {} },
  };
  const stage = setupStage(s);
  const doc = setupDocument(s, stage);
  setupVersions(s, doc);
  const objects = setupObjects(s, doc);
  const props = setupProperties(s, doc, objects.unit);
  setupSheet(s);
  const { align } = setupAlign(s, doc);
  setupLayers(s, doc);
  const actions = setupToolbar(s, { doc, stage, objects, props, align });
  setupKeyboard(s, actions, stage, doc);
  setupTouch(s, stage);
  const facts = setupLabelFacts(s, doc);

  stage.fit();
  await s.queue.serial(() => doc.load(init.doc));
  doc.resetBaseline();
  facts.fillForm();
  s.views.missing();
  const draft = doc.readDraft();
  if (draft && draft.baseVersion === s.state.design.version && draft.doc !== s.state.savedJson) $('#draft-banner')!.hidden = false;
  else if (draft) doc.clearDraft();
  window.addEventListener('resize', () => stage.fit());
  window.addEventListener('beforeunload', (e) => {
    if (doc.hasChanges()) e.preventDefault();
  });
  root.dataset.ready = '1';
  const { canvas, state } = s;
  Object.assign(window, {
    __studio: {
      canvas,
      serialize: doc.serialize,
      save: doc.save,
      settled: s.queue.settled,
      fabric,
      renderInBrowser,
      get version() {
        return state.design.version;
      },
    },
  });
}
