import './zod-jitless.ts';
import * as fabric from 'fabric';
import { bindFacts, loadDesign, registerEtalaseClasses, usedFonts, multiplierFor } from '../render.ts';
import { geometry, type Geometry } from '../kinds.ts';
import { CUSTOM_PROPS, pickAllowed, type DesignDoc, type DesignObject } from '../schema.ts';
import { DesignHistory } from './history.ts';
import { pageLines, snapOffset, xEdges, yEdges } from './snap.ts';
import { relativeSources } from './serialize.ts';
import { factText, missingFacts, type BindKey, type LabelFacts } from '../facts.ts';

/**
 * The brand studio island (only on /dashboard/[shop]/brand?design=…). Fabric in the browser; the
 * design is loaded through the same binding code the server renders with and saved through the same
 * allowlist the server validates against. Text is only ever set as Fabric text (canvas glyphs) or
 * DOM textContent/value, never as HTML.
 */
interface Init {
  shop: { slug: string; id: string };
  design: { id: string; kind: 'logo' | 'label' | 'social'; name: string; productId: string | null; version: number };
  doc: DesignDoc;
  facts: LabelFacts;
  missing: string[];
  products: { id: string; name: string }[];
  palette: string[];
  messages: Record<string, string>;
  certifications: { halalNumber: string; nib: string };
  factsByProduct: Record<string, LabelFacts>;
}
type Obj = fabric.FabricObject & { name?: string; locked?: boolean; factKey?: BindKey; __page?: boolean };
const CUSTOM: string[] = [...CUSTOM_PROPS];

export async function ensureFonts(objects: readonly DesignObject[]): Promise<void> {
  await Promise.all([...usedFonts(objects)].map((f) => document.fonts.load(f).catch(() => [])));
  fabric.cache.clearFontCache();
}

/** For tests and exports in the page: the same renderer the server uses, with the browser's fabric. */
export async function renderInBrowser(doc: DesignDoc, facts: LabelFacts | null, px: number, transparent = false, multiplier?: number): Promise<string> {
  await ensureFonts(doc.objects);
  const canvas = await loadDesign(fabric, doc, { facts, transparent });
  try {
    return canvas.toCanvasElement(multiplier ?? multiplierFor(doc, px)).toDataURL('image/png');
  } finally {
    canvas.dispose();
  }
}

export async function startStudio(root: HTMLElement): Promise<void> {
  registerEtalaseClasses(fabric);
  const init = JSON.parse(root.dataset.init ?? '{}') as Init;
  const msg = (k: string, p: Record<string, string | number> = {}) => (init.messages[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(p[n] ?? ''));
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector(sel) as T | null;
  const status = $('#status')!;
  const setStatus = (s: string) => { status.textContent = s; };
  const api = `/api/v1/shops/${init.shop.slug}`;
  let design = init.design;
  let facts: LabelFacts = init.facts;
  let page: DesignDoc['page'] = init.doc.page;
  let background = init.doc.background;
  let g: Geometry = geometry(page);
  const draftKey = `etalase:design:${design.id}`;

  const stageEl = $('#stage')!;
  const canvas = new fabric.Canvas($('#design-canvas') as HTMLCanvasElement, {
    preserveObjectStacking: true, controlsAboveOverlay: true, enableRetinaScaling: true, selectionKey: 'shiftKey',
    allowTouchScrolling: false, stopContextMenu: true,
  });
  fabric.InteractiveFabricObject.ownDefaults.cornerSize = window.matchMedia('(pointer: coarse)').matches ? 22 : 12;
  fabric.InteractiveFabricObject.ownDefaults.touchCornerSize = 36;
  fabric.InteractiveFabricObject.ownDefaults.transparentCorners = false;
  fabric.InteractiveFabricObject.ownDefaults.cornerColor = '#8a3b12';
  fabric.InteractiveFabricObject.ownDefaults.borderColor = '#8a3b12';

  // ---- page, overlay, zoom -------------------------------------------------
  let zoom = 1;
  const pageRect = new fabric.Rect({ left: 0, top: 0, originX: 'left', originY: 'top', width: g.width, height: g.height, selectable: false, evented: false, excludeFromExport: true, strokeWidth: 0 });
  (pageRect as Obj).__page = true;
  function paintPage() {
    pageRect.set({ width: g.width, height: g.height, fill: background || '#ffffff' });
  }
  function fit() {
    const w = stageEl.clientWidth || 320;
    const maxH = Math.max(260, Math.min(window.innerHeight * 0.7, 900));
    zoom = Math.min((w - 24) / g.width, (maxH - 24) / g.height);
    applyZoom();
  }
  let panX = 0;
  function applyZoom() {
    const w = stageEl.clientWidth || 320;
    const h = Math.max(g.height * zoom + 24, 200);
    const free = w - g.width * zoom;
    // Centred while the page fits; otherwise panned (two fingers, or the arrow keys with Alt) within its edges.
    panX = free >= 24 ? 0 : Math.min(0, Math.max(free - 24, panX));
    canvas.setDimensions({ width: w, height: h });
    canvas.setViewportTransform([zoom, 0, 0, zoom, free >= 24 ? free / 2 : 12 + panX, 12]);
    canvas.requestRenderAll();
  }
  let guides: { x?: number; y?: number }[] = [];
  canvas.on('after:render', ({ ctx }) => {
    const c = ctx as CanvasRenderingContext2D;
    const v = canvas.viewportTransform;
    c.save();
    c.transform(v[0], v[1], v[2], v[3], v[4], v[5]);
    const lw = 1 / zoom;
    if (!background && design.kind === 'logo') {
      c.strokeStyle = '#c8c8d0'; c.lineWidth = lw; c.setLineDash([4 * lw, 4 * lw]); c.strokeRect(0, 0, g.width, g.height);
    }
    if (g.print) {
      const t = g.trim;
      c.fillStyle = 'rgba(60,60,70,0.28)';
      c.beginPath();
      c.rect(0, 0, g.width, g.height);
      if (g.round) c.ellipse(t.left + t.width / 2, t.top + t.height / 2, t.width / 2, t.height / 2, 0, 0, Math.PI * 2, true);
      else { c.moveTo(t.left, t.top); c.lineTo(t.left, t.top + t.height); c.lineTo(t.left + t.width, t.top + t.height); c.lineTo(t.left + t.width, t.top); c.closePath(); }
      c.fill('evenodd');
      c.setLineDash([]); c.strokeStyle = '#e0245e'; c.lineWidth = 1.5 * lw;
      c.beginPath();
      if (g.round) c.ellipse(t.left + t.width / 2, t.top + t.height / 2, t.width / 2, t.height / 2, 0, 0, Math.PI * 2);
      else c.rect(t.left, t.top, t.width, t.height);
      c.stroke();
      const s = g.safe;
      c.strokeStyle = '#2b6cb0'; c.setLineDash([6 * lw, 4 * lw]); c.lineWidth = lw;
      c.beginPath();
      if (g.round) c.ellipse(s.left + s.width / 2, s.top + s.height / 2, s.width / 2, s.height / 2, 0, 0, Math.PI * 2);
      else c.rect(s.left, s.top, s.width, s.height);
      c.stroke();
    }
    c.setLineDash([]); c.strokeStyle = '#d61f69'; c.lineWidth = lw;
    for (const gl of guides) {
      c.beginPath();
      if (gl.x !== undefined) { c.moveTo(gl.x, -10000); c.lineTo(gl.x, 10000); }
      if (gl.y !== undefined) { c.moveTo(-10000, gl.y); c.lineTo(10000, gl.y); }
      c.stroke();
    }
    c.restore();
  });

  // ---- load / serialize ----------------------------------------------------
  function applyLock(o: Obj) {
    const l = !!o.locked;
    o.set({ selectable: !l, evented: !l, lockMovementX: l, lockMovementY: l, lockScalingX: l, lockScalingY: l, lockRotation: l, hasControls: !l });
  }
  function decorate(o: Obj) {
    applyLock(o);
    if (o instanceof fabric.Textbox && (o as Obj).factKey && design.kind === 'label') o.set({ editable: false });
  }
  let loading = false;
  // Loading a document replaces the canvas only when Fabric has revived every object (fonts, images),
  // so two loads in flight could finish in either order and leave the canvas on a state the history
  // cursor no longer points at (quick undo then redo showed the undone text). Every action that
  // changes the canvas runs through this queue, one after another; the stage and the properties are
  // inert while a document loads, so an edit never lands on objects that are about to be replaced.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const busyEls = [$('#stage'), $('#props-panel')].filter((e): e is HTMLElement => !!e);
  function serial<T>(fn: () => T | Promise<T>): Promise<T> {
    if (queued++ === 0) root.setAttribute('aria-busy', 'true');
    const run = queue.then(fn).finally(() => { if (--queued === 0) root.removeAttribute('aria-busy'); });
    queue = run.catch(() => undefined);
    return run;
  }
  /** Resolves when every queued action has finished (tests wait on it instead of guessing). */
  async function settled(): Promise<void> {
    for (let q = queue; ; q = queue) { await q; if (q === queue) return; }
  }
  async function loadDoc(doc: DesignDoc) {
    for (const e of busyEls) e.inert = true;
    try { await replaceDoc(doc); } finally { for (const e of busyEls) e.inert = false; }
  }
  async function replaceDoc(doc: DesignDoc) {
    loading = true;
    try {
      await replaceObjects(doc);
    } finally {
      loading = false;
    }
    canvas.requestRenderAll();
    renderLayers();
    showProps();
  }
  async function replaceObjects(doc: DesignDoc) {
    page = doc.page;
    background = doc.background;
    g = geometry(page);
    await ensureFonts(doc.objects);
    const objects = bindFacts(doc.objects, design.kind === 'label' ? facts : null);
    await canvas.loadFromJSON({ version: fabric.version, objects });
    canvas.insertAt(0, pageRect);
    paintPage();
    // Nothing outside the page is printed or exported, so the editor does not draw it either.
    canvas.clipPath = new fabric.Rect({ left: 0, top: 0, originX: 'left', originY: 'top', width: g.width, height: g.height, absolutePositioned: true });
    for (const o of canvas.getObjects() as Obj[]) if (!o.__page) decorate(o);
  }
  function serialize(): DesignDoc {
    const objects = (canvas.getObjects() as Obj[]).filter((o) => !o.__page)
      .map((o) => relativeSources(pickAllowed(o.toObject(CUSTOM) as Record<string, unknown>), location.origin)) as DesignObject[];
    return { v: 1, page, background, objects };
  }

  // ---- history and local autosave ------------------------------------------
  const history = new DesignHistory();
  let savedJson = '';
  function snapshot() {
    if (loading) return;
    const json = JSON.stringify(serialize());
    if (!history.record(json)) return;
    if (json !== savedJson) {
      try { localStorage.setItem(draftKey, JSON.stringify({ baseVersion: design.version, doc: json, at: Date.now() })); } catch { /* storage full */ }
      setStatus(msg('brand.autosaved'));
    }
    renderLayers();
  }
  async function travel(step: number) {
    const state = history.step(step);
    if (state === null) return;
    await loadDoc(JSON.parse(state) as DesignDoc);
    try { localStorage.setItem(draftKey, JSON.stringify({ baseVersion: design.version, doc: state, at: Date.now() })); } catch { /* ignore */ }
  }
  canvas.on('object:modified', snapshot);
  canvas.on('object:added', () => { if (!loading) queueMicrotask(snapshot); });
  canvas.on('object:removed', () => { if (!loading) queueMicrotask(snapshot); });
  canvas.on('text:editing:exited', snapshot);

  // ---- save, versions -------------------------------------------------------
  async function call(path: string, init2: RequestInit & { json?: unknown } = {}) {
    const headers: Record<string, string> = {};
    let body = init2.body;
    if (init2.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(init2.json); }
    const r = await fetch(api + path, { ...init2, headers, body, credentials: 'same-origin' });
    const data = await r.json().catch(() => ({})) as { error?: { message: string; fields?: Record<string, string[]> } } & Record<string, unknown>;
    if (!r.ok) throw Object.assign(new Error(data.error?.message ?? String(r.status)), { fields: data.error?.fields ?? {} });
    return data;
  }
  const nameInput = $<HTMLInputElement>('#design-name')!;
  async function save(): Promise<boolean> {
    setStatus(msg('brand.saving'));
    try {
      const doc = serialize();
      const productSel = $<HTMLSelectElement>('#fact-product');
      const r = await call(`/designs/${design.id}`, { method: 'PUT', json: {
        doc, baseVersion: design.version, name: nameInput.value.trim() || design.name,
        ...(productSel ? { productId: productSel.value || null } : {}),
      } }) as { version: number };
      design = { ...design, version: r.version };
      savedJson = JSON.stringify(doc);
      localStorage.removeItem(draftKey);
      setStatus(msg('brand.saved', { version: r.version }));
      if (versionsOpen()) void loadVersions();
      return true;
    } catch (e) {
      setStatus(msg('brand.error', { message: (e as Error).message }));
      return false;
    }
  }
  const versionsPanel = $<HTMLDetailsElement>('#versions-panel');
  const versionsOpen = () => !!versionsPanel?.open;
  async function loadVersions() {
    const list = $('#versions')!;
    const r = await call(`/designs/${design.id}/versions`) as { current: number; versions: { version: number; createdAt: string; author: string | null; note: string }[] };
    list.replaceChildren(...r.versions.map((v) => {
      const li = document.createElement('li');
      const label = document.createElement('span');
      const when = new Date(v.createdAt).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' });
      label.textContent = `v${v.version} · ${when} WITA · ${v.author ?? ''}`;
      li.append(label);
      if (v.version !== r.current) {
        const b = document.createElement('button');
        b.type = 'button'; b.className = 'secondary small-btn'; b.textContent = msg('brand.restore');
        b.addEventListener('click', () => void serial(async () => {
          const res = await call(`/designs/${design.id}/restore`, { method: 'POST', json: { version: v.version } }) as { version: number; doc: DesignDoc };
          design = { ...design, version: res.version };
          await loadDoc(res.doc);
          savedJson = JSON.stringify(serialize());
          history.reset(savedJson);
          localStorage.removeItem(draftKey);
          setStatus(msg('brand.restored', { version: v.version }));
          void loadVersions();
        }));
        li.append(' ', b);
      }
      return li;
    }));
  }
  versionsPanel?.addEventListener('toggle', () => { if (versionsOpen()) void loadVersions(); });

  // ---- adding objects --------------------------------------------------------
  const centre = () => ({ x: g.trim.left + g.trim.width / 2, y: g.trim.top + g.trim.height / 2 });
  const unit = Math.min(g.trim.width, g.trim.height);
  function add(o: Obj, name: string) {
    o.name = name;
    decorate(o);
    canvas.add(o);
    canvas.setActiveObject(o);
    canvas.requestRenderAll();
  }
  const palette = init.palette;
  const addText = (text: string, key?: BindKey) => {
    const c = centre();
    const t = new fabric.Textbox(text, {
      left: c.x, top: c.y, width: g.trim.width * 0.6, fontFamily: 'Poppins', fontWeight: key ? 400 : 700,
      fontSize: Math.round(unit * (key ? 0.05 : 0.1)), fill: palette[palette.length - 1] ?? '#1d1d1f', textAlign: 'left',
    }) as fabric.Textbox & Obj;
    if (key) t.factKey = key;
    add(t, key ? msg(`brand.fact.${key}`) : text);
  };
  const actions: Record<string, () => void | Promise<unknown>> = {
    save: () => save(),
    undo: () => travel(-1),
    redo: () => travel(1),
    'add-text': () => addText(msg(init.design.kind === 'logo' ? 'brand.new.businessName' : 'brand.new.text')),
    'add-rect': () => { const c = centre(); add(new fabric.Rect({ left: c.x, top: c.y, width: unit * 0.3, height: unit * 0.2, fill: palette[0] ?? '#8a3b12', rx: 0, ry: 0, strokeWidth: 0 }), msg('brand.new.rect')); },
    'add-circle': () => { const c = centre(); add(new fabric.Circle({ left: c.x, top: c.y, radius: unit * 0.12, fill: palette[1] ?? '#f08a24', strokeWidth: 0 }), msg('brand.new.circle')); },
    'add-triangle': () => { const c = centre(); add(new fabric.Triangle({ left: c.x, top: c.y, width: unit * 0.25, height: unit * 0.22, fill: palette[2] ?? '#1f5e3b', strokeWidth: 0 }), msg('brand.new.triangle')); },
    'add-line': () => { const c = centre(); add(new fabric.Line([c.x - unit * 0.2, c.y, c.x + unit * 0.2, c.y], { stroke: palette[0] ?? '#8a3b12', strokeWidth: Math.max(2, unit * 0.01) }), msg('brand.new.line')); },
    'add-qr': () => {
      const c = centre();
      const Qr = fabric.classRegistry.getClass('QrCode') as new (o: object) => Obj;
      const q = new Qr({ left: c.x, top: c.y, width: unit * 0.3, height: unit * 0.3, fill: '#1d1d1f', backgroundColor: '#ffffff', strokeWidth: 0 }) as Obj & { qrText: string };
      q.factKey = 'qr';
      q.qrText = facts.shortUrl || 'https://etalase';
      add(q, msg('brand.fact.qr'));
    },
    'add-halal': async () => {
      const img = await fabric.FabricImage.fromURL('/brand/assets/halal-mark.png') as fabric.FabricImage & Obj;
      const c = centre();
      img.set({ left: c.x, top: c.y });
      img.scaleToWidth(unit * 0.18);
      img.factKey = 'halal';
      img.visible = !!facts.halalNumber;
      add(img, msg('brand.fact.halal'));
    },
    duplicate: async () => {
      const a = canvas.getActiveObject() as Obj | undefined;
      if (!a || a instanceof fabric.ActiveSelection) return;
      const copy = await a.clone(CUSTOM) as Obj;
      copy.set({ left: (a.left ?? 0) + unit * 0.03, top: (a.top ?? 0) + unit * 0.03 });
      add(copy, `${a.name ?? a.type} 2`);
    },
    delete: () => {
      const list = canvas.getActiveObjects() as Obj[];
      if (!list.length) return;
      canvas.discardActiveObject();
      canvas.remove(...list.filter((o) => !o.__page));
      canvas.requestRenderAll();
    },
    group: () => {
      const a = canvas.getActiveObject();
      if (!(a instanceof fabric.ActiveSelection)) return;
      const objs = a.getObjects();
      canvas.discardActiveObject();
      loading = true;
      canvas.remove(...objs);
      const grp = new fabric.Group(objs) as fabric.Group & Obj;
      loading = false;
      add(grp, msg('brand.new.group'));
    },
    ungroup: () => {
      const a = canvas.getActiveObject();
      if (!(a instanceof fabric.Group) || a instanceof fabric.ActiveSelection) return;
      loading = true;
      const objs = a.removeAll();
      canvas.remove(a);
      canvas.add(...objs);
      loading = false;
      canvas.setActiveObject(new fabric.ActiveSelection(objs, { canvas }));
      canvas.requestRenderAll();
      snapshot();
    },
    'zoom-in': () => { zoom *= 1.25; applyZoom(); },
    'zoom-out': () => { zoom /= 1.25; applyZoom(); },
    'zoom-fit': () => fit(),
    'restore-draft': async () => {
      const d = readDraft();
      if (d) { await loadDoc(JSON.parse(d.doc) as DesignDoc); snapshot(); }
      $('#draft-banner')!.hidden = true;
    },
    'discard-draft': () => { localStorage.removeItem(draftKey); $('#draft-banner')!.hidden = true; },
  };
  root.addEventListener('click', (e) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (el && actions[el.dataset.action!]) { e.preventDefault(); void serial(actions[el.dataset.action!]!); }
    const al = (e.target as HTMLElement).closest<HTMLElement>('[data-align]');
    if (al) align(al.dataset.align!);
    const sw = (e.target as HTMLElement).closest<HTMLElement>('[data-swatch]');
    if (sw) setProp('fill', sw.dataset.swatch!);
  });
  $<HTMLSelectElement>('#add-fact')?.addEventListener('change', (e) => {
    const sel = e.target as HTMLSelectElement;
    const key = sel.value as BindKey;
    if (key) addText(factText(key, facts) ?? msg(`brand.fact.${key}`), key);
    sel.value = '';
  });
  $<HTMLInputElement>('#image-file')?.addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file);
    try {
      const r = await call('/design-images', { method: 'POST', body: fd }) as { src: string };
      const img = await fabric.FabricImage.fromURL(r.src);
      const c = centre();
      img.set({ left: c.x, top: c.y });
      img.scaleToWidth(unit * 0.5);
      add(img as Obj, file.name.slice(0, 60));
    } catch (err) {
      setStatus(msg('brand.error', { message: (err as Error).message }));
    }
    input.value = '';
  });

  // ---- properties --------------------------------------------------------------
  const textField = $('#text-field')!;
  const propText = $<HTMLTextAreaElement>('#prop-text')!;
  const boundHint = $('#bound-hint')!;
  const fontFields = $('#font-fields')!;
  function toHex(c: unknown): string {
    if (typeof c !== 'string' || !c) return '#000000';
    if (/^#[0-9a-f]{6}$/i.test(c)) return c;
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = c;
    return /^#[0-9a-f]{6}$/i.test(ctx.fillStyle) ? ctx.fillStyle : '#000000';
  }
  function showProps() {
    const a = canvas.getActiveObject() as Obj | undefined;
    const isText = a instanceof fabric.Textbox;
    // Only labels bind facts; elsewhere a leftover factKey is plain text.
    const key = design.kind === 'label' ? a?.factKey : undefined;
    textField.hidden = !isText || !!key;
    fontFields.hidden = !isText;
    boundHint.hidden = !key;
    if (key) boundHint.textContent = msg('brand.boundFact', { fact: msg(`brand.fact.${key}`) });
    if (!a) return;
    $<HTMLInputElement>('#prop-fill')!.value = toHex(a.fill);
    $<HTMLInputElement>('#prop-stroke')!.value = toHex(a.stroke);
    if (isText) {
      const t = a as fabric.Textbox;
      propText.value = t.text;
      $<HTMLSelectElement>('#prop-font')!.value = t.fontFamily;
      $<HTMLInputElement>('#prop-size')!.value = String(Math.round(t.fontSize));
      $<HTMLSelectElement>('#prop-weight')!.value = String(t.fontWeight === 'bold' ? 700 : t.fontWeight === 'normal' ? 400 : t.fontWeight);
      $<HTMLSelectElement>('#prop-align')!.value = t.textAlign;
    }
  }
  function setProp(key: string, value: unknown): Promise<void> {
    return serial(() => applyProp(key, value));
  }
  async function applyProp(key: string, value: unknown) {
    const list = canvas.getActiveObjects() as Obj[];
    if (!list.length) return;
    if (key === 'fontFamily' || key === 'fontWeight') {
      const sample = list.find((o) => o instanceof fabric.Textbox) as fabric.Textbox | undefined;
      const fam = key === 'fontFamily' ? String(value) : sample?.fontFamily ?? 'Poppins';
      const w = key === 'fontWeight' ? Number(value) : sample?.fontWeight ?? 400;
      await document.fonts.load(`${w} 20px "${fam}"`).catch(() => []);
      fabric.cache.clearFontCache(fam);
    }
    for (const o of list) {
      if ((key === 'fontFamily' || key === 'fontSize' || key === 'fontWeight' || key === 'textAlign' || key === 'text') && !(o instanceof fabric.Textbox)) continue;
      if (key === 'fill' && o instanceof fabric.Line) o.set('stroke', value);
      else o.set(key as keyof Obj, value as never);
      if (o instanceof fabric.Textbox) o.initDimensions();
      o.setCoords();
    }
    canvas.requestRenderAll();
    snapshot();
  }
  propText.addEventListener('input', () => setProp('text', propText.value));
  $<HTMLInputElement>('#prop-fill')!.addEventListener('change', (e) => setProp('fill', (e.target as HTMLInputElement).value));
  $<HTMLInputElement>('#prop-stroke')!.addEventListener('change', (e) => {
    void setProp('stroke', (e.target as HTMLInputElement).value);
    const a = canvas.getActiveObject();
    if (a && !a.strokeWidth) void setProp('strokeWidth', Math.max(2, unit * 0.006));
  });
  $<HTMLSelectElement>('#prop-font')!.addEventListener('change', (e) => setProp('fontFamily', (e.target as HTMLSelectElement).value));
  $<HTMLInputElement>('#prop-size')!.addEventListener('change', (e) => setProp('fontSize', Number((e.target as HTMLInputElement).value)));
  $<HTMLSelectElement>('#prop-weight')!.addEventListener('change', (e) => setProp('fontWeight', Number((e.target as HTMLSelectElement).value)));
  $<HTMLSelectElement>('#prop-align')!.addEventListener('change', (e) => setProp('textAlign', (e.target as HTMLSelectElement).value));
  canvas.on('selection:created', () => { showProps(); renderLayers(); });
  canvas.on('selection:updated', () => { showProps(); renderLayers(); });
  canvas.on('selection:cleared', () => { showProps(); renderLayers(); });

  // ---- align and snapping ------------------------------------------------------
  function align(where: string) {
    const a = canvas.getActiveObject();
    if (!a) return;
    const targets: fabric.FabricObject[] = a instanceof fabric.ActiveSelection ? a.getObjects() : [a];
    const bounds = a instanceof fabric.ActiveSelection ? a.getBoundingRect() : { left: g.trim.left, top: g.trim.top, width: g.trim.width, height: g.trim.height };
    if (a instanceof fabric.ActiveSelection) canvas.discardActiveObject();
    for (const o of targets) {
      const br = o.getBoundingRect();
      let dx = 0; let dy = 0;
      if (where === 'left') dx = bounds.left - br.left;
      if (where === 'right') dx = bounds.left + bounds.width - (br.left + br.width);
      if (where === 'center') dx = bounds.left + bounds.width / 2 - (br.left + br.width / 2);
      if (where === 'top') dy = bounds.top - br.top;
      if (where === 'bottom') dy = bounds.top + bounds.height - (br.top + br.height);
      if (where === 'middle') dy = bounds.top + bounds.height / 2 - (br.top + br.height / 2);
      o.set({ left: o.left + dx, top: o.top + dy });
      o.setCoords();
    }
    if (a instanceof fabric.ActiveSelection) canvas.setActiveObject(new fabric.ActiveSelection(targets, { canvas }));
    canvas.requestRenderAll();
    snapshot();
  }
  canvas.on('object:moving', ({ target }) => {
    const threshold = 8 / zoom;
    const br = target.getBoundingRect();
    const { xs, ys } = pageLines(g.trim, g.safe);
    for (const o of canvas.getObjects() as Obj[]) {
      if (o === target || o.__page || !o.visible || (target instanceof fabric.ActiveSelection && target.contains(o))) continue;
      const b = o.getBoundingRect();
      xs.push(...xEdges(b));
      ys.push(...yEdges(b));
    }
    guides = [];
    const sx = snapOffset(xEdges(br), xs, threshold);
    const sy = snapOffset(yEdges(br), ys, threshold);
    if (sx) { target.set('left', target.left + sx.d); guides.push({ x: sx.line }); }
    if (sy) { target.set('top', target.top + sy.d); guides.push({ y: sy.line }); }
    target.setCoords();
  });
  canvas.on('mouse:up', () => { if (guides.length) { guides = []; canvas.requestRenderAll(); } });

  // ---- layers panel ------------------------------------------------------------
  const ICONS: Record<string, string> = {
    up: 'M12 5l-7 8h14z', down: 'M12 19l-7-8h14z',
    locked: 'M7 10V7a5 5 0 0 1 10 0v3h1v10H6V10zm2 0h6V7a3 3 0 0 0-6 0z',
    unlocked: 'M7 10V7a5 5 0 0 1 9.6-2l-1.8.9A3 3 0 0 0 9 7v3h9v10H6V10z',
    eye: 'M12 5c5 0 9 5 10 7-1 2-5 7-10 7S3 14 2 12c1-2 5-7 10-7zm0 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
    eyeOff: 'M3 4l17 17-1.4 1.4-3.2-3.2A10 10 0 0 1 12 19c-5 0-9-5-10-7a17 17 0 0 1 4.3-4.9L1.6 5.4zm9 1c5 0 9 5 10 7a17 17 0 0 1-3.2 4l-9-9A10 10 0 0 1 12 5z',
    pencil: 'M4 17v3h3l10-10-3-3zM19 8l-3-3 2-2 3 3z',
  };
  function icon(name: string): SVGSVGElement {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('width', '18'); svg.setAttribute('height', '18'); svg.setAttribute('aria-hidden', 'true');
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    p.setAttribute('d', ICONS[name] ?? ''); p.setAttribute('fill', 'currentColor'); p.setAttribute('fill-rule', 'evenodd');
    svg.append(p);
    return svg;
  }
  const layersEl = $('#layers')!;
  let renaming: Obj | null = null;
  function renderLayers() {
    const active = new Set(canvas.getActiveObjects());
    const objs = (canvas.getObjects() as Obj[]).filter((o) => !o.__page).reverse();
    layersEl.replaceChildren(...objs.map((o) => {
      const li = document.createElement('li');
      if (active.has(o)) li.className = 'active';
      const name = document.createElement('button');
      name.type = 'button'; name.className = 'layer-name';
      name.textContent = `${o.factKey ? '◆ ' : ''}${o.name || o.type}`;
      name.addEventListener('click', () => {
        if (o.locked || !o.visible) return;
        canvas.setActiveObject(o); canvas.requestRenderAll();
      });
      const mk = (label: string, title: string, fn: () => void) => {
        const b = document.createElement('button');
        b.type = 'button'; b.className = 'icon'; b.title = title; b.setAttribute('aria-label', `${title}: ${o.name || o.type}`);
        b.append(icon(label));
        b.addEventListener('click', () => { fn(); canvas.requestRenderAll(); snapshot(); renderLayers(); });
        return b;
      };
      li.append(name,
        mk('up', msg('brand.layerUp'), () => canvas.bringObjectForward(o)),
        mk('down', msg('brand.layerDown'), () => { if (canvas.getObjects().indexOf(o) > 1) canvas.sendObjectBackwards(o); }),
        mk(o.locked ? 'locked' : 'unlocked', o.locked ? msg('brand.unlock') : msg('brand.lock'), () => { o.locked = !o.locked; applyLock(o); if (o.locked) canvas.discardActiveObject(); }),
        mk(o.visible ? 'eye' : 'eyeOff', o.visible ? msg('brand.hide') : msg('brand.show'), () => { o.visible = !o.visible; if (!o.visible) canvas.discardActiveObject(); }),
        mk('pencil', msg('brand.rename'), () => { renaming = o; }));
      if (renaming === o) {
        // Inline rename (no prompt dialogs, which phones handle badly).
        const input = document.createElement('input');
        input.value = o.name ?? ''; input.maxLength = 80; input.className = 'layer-rename';
        input.setAttribute('aria-label', msg('brand.rename'));
        const done = (commit: boolean) => {
          if (renaming !== o) return;
          renaming = null;
          if (commit) { o.name = input.value.trim().slice(0, 80); snapshot(); }
          renderLayers();
        };
        input.addEventListener('keydown', (e) => { if (e.key === 'Enter') done(true); if (e.key === 'Escape') done(false); });
        input.addEventListener('blur', () => done(true));
        name.replaceWith(input);
        queueMicrotask(() => input.focus());
      }
      return li;
    }));
  }

  // ---- keyboard ----------------------------------------------------------------------
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select') || (canvas.getActiveObject() as fabric.Textbox | undefined)?.isEditing) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    const run = (name: string) => { e.preventDefault(); void serial(actions[name]!); };
    if (mod && k === 'z' && !e.shiftKey) return run('undo');
    if (mod && (k === 'y' || (k === 'z' && e.shiftKey))) return run('redo');
    if (mod && k === 's') return run('save');
    if (mod && k === 'd') return run('duplicate');
    if (mod && k === 'g') return run(e.shiftKey ? 'ungroup' : 'group');
    if (k === 'delete' || k === 'backspace') return run('delete');
    if (k === '+' || k === '=') return run('zoom-in');
    if (k === '-') return run('zoom-out');
    const step = (e.shiftKey ? 10 : 1) * (g.print ? 5 : 2);
    const moves: Record<string, [number, number]> = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] };
    if (e.altKey && (k === 'arrowleft' || k === 'arrowright')) { e.preventDefault(); panX += k === 'arrowleft' ? 40 : -40; applyZoom(); return; }
    const a = canvas.getActiveObject();
    if (a && moves[k]) {
      e.preventDefault();
      a.set({ left: a.left + moves[k]![0], top: a.top + moves[k]![1] });
      a.setCoords(); canvas.requestRenderAll(); snapshot();
    }
  });
  // Two-finger pinch zooms the stage on phones (one finger still moves and scales objects).
  let pinch: { d: number; z: number; x: number; p: number } | null = null;
  const dist = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY);
  const midX = (t: TouchList) => (t[0]!.clientX + t[1]!.clientX) / 2;
  stageEl.addEventListener('touchstart', (e) => {
    if (e.touches.length === 2) { pinch = { d: dist(e.touches), z: zoom, x: midX(e.touches), p: panX }; canvas.discardActiveObject(); }
  }, { passive: true });
  stageEl.addEventListener('touchmove', (e) => {
    if (!pinch || e.touches.length !== 2) return;
    zoom = Math.min(8, Math.max(0.05, pinch.z * (dist(e.touches) / pinch.d)));
    panX = pinch.p + (midX(e.touches) - pinch.x);
    applyZoom();
  }, { passive: true });
  stageEl.addEventListener('touchend', () => { pinch = null; }, { passive: true });
  canvas.on('mouse:wheel', (opt) => {
    const ev = opt.e as WheelEvent;
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    zoom *= ev.deltaY < 0 ? 1.1 : 1 / 1.1;
    applyZoom();
  });

  // ---- label facts -------------------------------------------------------------------
  const missingEl = $('#missing');
  function renderMissing() {
    if (!missingEl) return;
    const list = missingFacts(facts);
    if (!list.length) { missingEl.className = 'missing ok'; missingEl.textContent = msg('brand.missingNone'); return; }
    missingEl.className = 'missing warn';
    const ul = document.createElement('ul');
    for (const k of list) { const li = document.createElement('li'); li.textContent = msg(k); ul.append(li); }
    const p = document.createElement('strong');
    p.textContent = msg('brand.missingTitle');
    missingEl.replaceChildren(p, ul);
  }
  const factsForm = $<HTMLFormElement>('#facts-form');
  function fillFactsForm() {
    if (!factsForm) return;
    const f = factsForm.elements as unknown as Record<string, HTMLInputElement>;
    for (const k of ['netWeight', 'composition', 'producerName', 'producerAddress', 'registrationKind', 'registrationNumber', 'productionCode', 'expiryDate'] as const) {
      if (f[k]) f[k].value = String(facts[k] ?? '');
    }
    if (f.registrationKind && !facts.registrationKind) f.registrationKind.value = 'pirt';
  }
  function rebind() {
    for (const o of canvas.getObjects() as Obj[]) rebindOne(o);
    canvas.requestRenderAll();
    renderMissing();
  }
  function rebindOne(o: Obj) {
    if (o instanceof fabric.Group) for (const c of o.getObjects() as Obj[]) rebindOne(c);
    const key = o.factKey;
    if (!key) return;
    if (key === 'halal') o.visible = !!facts.halalNumber;
    else if (key === 'qr') { (o as Obj & { qrText: string }).qrText = facts.shortUrl || 'https://etalase'; o.dirty = true; }
    else if (o instanceof fabric.Textbox) {
      const text = factText(key, facts);
      if (text !== null) { o.set('text', text); o.initDimensions(); }
    }
  }
  const productSel = $<HTMLSelectElement>('#fact-product');
  productSel?.addEventListener('change', () => {
    const id = productSel.value;
    const base = init.factsByProduct[id];
    facts = base ? { ...base } : { ...facts, productName: '', shortUrl: '' };
    fillFactsForm(); rebind(); snapshot();
  });
  factsForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = $('#facts-error')!;
    err.textContent = '';
    const id = productSel?.value;
    if (!id) { err.textContent = msg('brand.missing.productName'); return; }
    const body = Object.fromEntries(new FormData(factsForm));
    try {
      const r = await call(`/label-facts/${id}`, { method: 'PUT', json: body }) as { facts: LabelFacts };
      facts = r.facts;
      init.factsByProduct[id] = r.facts;
      rebind(); snapshot();
      setStatus(msg('brand.factsSaved'));
    } catch (ex) {
      const fields = (ex as { fields?: Record<string, string[]> }).fields ?? {};
      err.textContent = [(ex as Error).message, ...Object.values(fields).flat()].join(' ');
    }
  });
  $<HTMLFormElement>('#cert-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = $('#cert-error')!;
    err.textContent = '';
    try {
      const r = await call('/certifications', { method: 'PUT', json: Object.fromEntries(new FormData(e.target as HTMLFormElement)) }) as { halalNumber: string };
      facts = { ...facts, halalNumber: r.halalNumber };
      for (const f of Object.values(init.factsByProduct)) f.halalNumber = r.halalNumber;
      rebind();
      setStatus(msg('brand.factsSaved'));
    } catch (ex) {
      const fields = (ex as { fields?: Record<string, string[]> }).fields ?? {};
      err.textContent = [(ex as Error).message, ...Object.values(fields).flat()].join(' ');
    }
  });

  // Exports render the saved version: save first when there are changes.
  root.querySelectorAll<HTMLAnchorElement>('a[data-export]').forEach((a) => a.addEventListener('click', async (e) => {
    if (JSON.stringify(serialize()) === savedJson) return;
    e.preventDefault();
    if (await save()) location.href = a.href;
  }));

  // ---- start -------------------------------------------------------------------------
  function readDraft(): { baseVersion: number; doc: string } | null {
    try { return JSON.parse(localStorage.getItem(draftKey) ?? 'null'); } catch { return null; }
  }
  fit();
  await serial(() => loadDoc(init.doc));
  savedJson = JSON.stringify(serialize());
  history.reset(savedJson);
  fillFactsForm(); renderMissing();
  const draft = readDraft();
  if (draft && draft.baseVersion === design.version && draft.doc !== savedJson) $('#draft-banner')!.hidden = false;
  else if (draft) localStorage.removeItem(draftKey);
  window.addEventListener('resize', () => fit());
  window.addEventListener('beforeunload', (e) => { if (JSON.stringify(serialize()) !== savedJson) e.preventDefault(); });
  root.dataset.ready = '1';
  Object.assign(window, { __studio: { canvas, serialize, save, settled, fabric, renderInBrowser, get version() { return design.version; } } });
}
