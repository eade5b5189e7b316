import * as fabric from 'fabric';
import { bindFacts, DISPLAY_STASH, fitAll, FRAME_WIDTH, usedFonts } from '../render.ts';
import { geometry } from '../kinds.ts';
import { pickAllowed, type DesignDoc, type DesignObject } from '../schema.ts';
import { DesignHistory } from './history.ts';
import { relativeSources } from './serialize.ts';
import { CUSTOM, type Obj, type Studio, type StudioInit } from './state.ts';
import type { Stage } from './stage.ts';

export async function ensureFonts(objects: readonly DesignObject[]): Promise<void> {
  await Promise.all([...usedFonts(objects)].map((f) => document.fonts.load(f).catch(() => [])));
  fabric.cache.clearFontCache();
}

export function applyLock(o: Obj): void {
  const l = !!o.locked;
  o.set({
    selectable: !l,
    evented: !l,
    lockMovementX: l,
    lockMovementY: l,
    lockScalingX: l,
    lockScalingY: l,
    lockRotation: l,
    hasControls: !l,
  });
}

/** Lock state, and on labels fact-bound text is not edited on the canvas (its text comes from the facts). */
export function decorate(o: Obj, kind: StudioInit['design']['kind']): void {
  applyLock(o);
  if (o instanceof fabric.Textbox && (o as Obj).factKey && kind === 'label') o.set({ editable: false });
}

/** Run fn with the design's own values in place of display-only ones (a placeholder's red, a shrunk font). */
function withSavedValues<T>(list: fabric.FabricObject[], fn: () => T): T {
  const undo: (() => void)[] = [];
  const walk = (objs: fabric.FabricObject[]) => {
    for (const obj of objs) {
      if (obj instanceof fabric.Group) walk(obj.getObjects());
      const o = obj as unknown as Record<string, unknown>;
      for (const [prop, stash] of DISPLAY_STASH) {
        if (o[stash] === undefined) continue;
        const shown = o[prop];
        o[prop] = o[stash];
        undo.push(() => {
          o[prop] = shown;
        });
      }
    }
  };
  walk(list);
  try {
    return fn();
  } finally {
    for (const u of undo) u();
  }
}

export interface DesignDocument {
  serialize(): DesignDoc;
  /** Replace the canvas with a document (run it inside the queue). */
  load(doc: DesignDoc): Promise<void>;
  /** Record the canvas as an edit: history, local draft, layers. */
  snapshot(): void;
  /** Undo (-1) or redo (+1). */
  travel(step: number): Promise<void>;
  /** Save a new version; false (and the reason in the status line) when the server refused it. */
  save(): Promise<boolean>;
  /** The canvas as it is now becomes the saved state and the only history entry. */
  resetBaseline(): void;
  hasChanges(): boolean;
  readDraft(): { baseVersion: number; doc: string } | null;
  clearDraft(): void;
}

/** Loading, serialising, history with the local autosave, and saving. */
export function setupDocument(s: Studio, stage: Stage): DesignDocument {
  const { canvas, state, msg } = s;
  const draftKey = `etalase:design:${state.design.id}`;
  const history = new DesignHistory();
  // The stage and the properties are inert while a document loads, so an edit never lands on objects that
  // are about to be replaced.
  const busyEls = [s.$('#stage'), s.$('#props-panel')].filter((e): e is HTMLElement => !!e);

  async function load(doc: DesignDoc) {
    for (const e of busyEls) e.inert = true;
    try {
      state.loading = true;
      try {
        await replaceObjects(doc);
      } finally {
        state.loading = false;
      }
      canvas.requestRenderAll();
      s.views.layers();
      s.views.props();
    } finally {
      for (const e of busyEls) e.inert = false;
    }
  }
  async function replaceObjects(doc: DesignDoc) {
    state.page = doc.page;
    state.background = doc.background;
    state.g = geometry(doc.page);
    await ensureFonts(doc.objects);
    const objects = bindFacts(doc.objects, state.design.kind === 'label' ? state.facts : null);
    await canvas.loadFromJSON({ version: fabric.version, objects });
    canvas.insertAt(0, stage.pageRect);
    stage.paintPage();
    // Nothing outside the page is printed or exported, so the editor does not draw it either.
    canvas.clipPath = new fabric.Rect({
      left: 0,
      top: 0,
      originX: 'left',
      originY: 'top',
      width: state.g.width,
      height: state.g.height,
      absolutePositioned: true,
    });
    for (const o of canvas.getObjects() as Obj[]) if (!o.__page) decorate(o, state.design.kind);
    fitAll(fabric, canvas.getObjects());
  }
  function serialize(): DesignDoc {
    const list = (canvas.getObjects() as Obj[]).filter((o) => !o.__page);
    const objects = withSavedValues(list, () =>
      list.map((o) => relativeSources(pickAllowed(o.toObject(CUSTOM) as Record<string, unknown>), location.origin)),
    ) as DesignObject[];
    return { v: 1, page: state.page, background: state.background, objects };
  }
  function keepDraft(json: string) {
    try {
      localStorage.setItem(draftKey, JSON.stringify({ baseVersion: state.design.version, doc: json, at: Date.now() }));
    } catch {
      /* storage full */
    }
  }
  function snapshot() {
    if (state.loading) return;
    const json = JSON.stringify(serialize());
    if (!history.record(json)) return;
    if (json !== state.savedJson) {
      keepDraft(json);
      s.setStatus(msg('brand.autosaved'));
    }
    s.views.layers();
  }
  async function travel(step: number) {
    const json = history.step(step);
    if (json === null) return;
    await load(JSON.parse(json) as DesignDoc);
    keepDraft(json);
  }
  async function save(): Promise<boolean> {
    s.setStatus(msg('brand.saving'));
    try {
      const doc = serialize();
      const productSel = s.$<HTMLSelectElement>('#fact-productId');
      const name = s.$<HTMLInputElement>('#design-name')!.value.trim();
      const r = await s.api.saveDesign(state.design.id, {
        doc,
        baseVersion: state.design.version,
        name: name || state.design.name,
        ...(productSel ? { productId: productSel.value || null } : {}),
      });
      state.design = { ...state.design, version: r.version };
      state.savedJson = JSON.stringify(doc);
      localStorage.removeItem(draftKey);
      s.setStatus(msg('brand.saved', { version: r.version }));
      s.views.versions();
      return true;
    } catch (e) {
      s.setStatus(msg('brand.error', { message: (e as Error).message }));
      return false;
    }
  }
  function resetBaseline() {
    state.savedJson = JSON.stringify(serialize());
    history.reset(state.savedJson);
  }
  function readDraft(): { baseVersion: number; doc: string } | null {
    try {
      return JSON.parse(localStorage.getItem(draftKey) ?? 'null');
    } catch {
      return null;
    }
  }

  canvas.on('object:modified', ({ target }) => {
    // A text box the person resized gets that width as its frame.
    if (target instanceof fabric.Textbox) (target as unknown as Record<string, unknown>)[FRAME_WIDTH] = target.width;
    snapshot();
  });
  canvas.on('object:added', () => {
    if (!state.loading) queueMicrotask(snapshot);
  });
  canvas.on('object:removed', () => {
    if (!state.loading) queueMicrotask(snapshot);
  });
  canvas.on('text:editing:exited', snapshot);

  return {
    serialize,
    load,
    snapshot,
    travel,
    save,
    resetBaseline,
    readDraft,
    hasChanges: () => JSON.stringify(serialize()) !== state.savedJson,
    clearDraft: () => localStorage.removeItem(draftKey),
  };
}
