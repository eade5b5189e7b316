import * as fabric from 'fabric';
import type { BindKey } from '../facts.ts';
import { decorate, type DesignDocument } from './document.ts';
import { CUSTOM, type Obj, type Studio } from './state.ts';

export type Action = () => void | Promise<unknown>;

export interface Objects {
  /** Put a new object in the middle of the page, named, selected. */
  add(o: Obj, name: string): void;
  addText(text: string, key?: BindKey): void;
  /** Scale of new objects: the shorter side of the trim box. */
  unit: number;
  centre(): { x: number; y: number };
  actions: Record<string, Action>;
}

/** New shapes, text, QR and halal mark; duplicate, delete, group and ungroup. */
export function setupObjects(s: Studio, doc: DesignDocument): Objects {
  const { canvas, state, msg, init } = s;
  const palette = init.palette;
  const centre = () => ({ x: state.g.trim.left + state.g.trim.width / 2, y: state.g.trim.top + state.g.trim.height / 2 });
  const unit = Math.min(state.g.trim.width, state.g.trim.height);

  function add(o: Obj, name: string) {
    o.name = name;
    decorate(o, state.design.kind);
    canvas.add(o);
    canvas.setActiveObject(o);
    canvas.requestRenderAll();
  }
  function addText(text: string, key?: BindKey) {
    const c = centre();
    const t = new fabric.Textbox(text, {
      left: c.x,
      top: c.y,
      width: state.g.trim.width * 0.6,
      fontFamily: 'Poppins',
      fontWeight: key ? 400 : 700,
      fontSize: Math.round(unit * (key ? 0.05 : 0.1)),
      fill: palette[palette.length - 1] ?? '#1d1d1f',
      textAlign: 'left',
    }) as fabric.Textbox & Obj;
    if (key) t.factKey = key;
    add(t, key ? msg(`brand.fact.${key}`) : text);
  }

  const actions: Record<string, Action> = {
    'add-text': () => addText(msg(init.design.kind === 'logo' ? 'brand.new.businessName' : 'brand.new.text')),
    'add-rect': () => {
      const c = centre();
      add(
        new fabric.Rect({
          left: c.x,
          top: c.y,
          width: unit * 0.3,
          height: unit * 0.2,
          fill: palette[0] ?? '#8a3b12',
          rx: 0,
          ry: 0,
          strokeWidth: 0,
        }),
        msg('brand.new.rect'),
      );
    },
    'add-circle': () => {
      const c = centre();
      add(
        new fabric.Circle({ left: c.x, top: c.y, radius: unit * 0.12, fill: palette[1] ?? '#f08a24', strokeWidth: 0 }),
        msg('brand.new.circle'),
      );
    },
    'add-triangle': () => {
      const c = centre();
      add(
        new fabric.Triangle({
          left: c.x,
          top: c.y,
          width: unit * 0.25,
          height: unit * 0.22,
          fill: palette[2] ?? '#1f5e3b',
          strokeWidth: 0,
        }),
        msg('brand.new.triangle'),
      );
    },
    'add-line': () => {
      const c = centre();
      add(
        new fabric.Line([c.x - unit * 0.2, c.y, c.x + unit * 0.2, c.y], {
          stroke: palette[0] ?? '#8a3b12',
          strokeWidth: Math.max(2, unit * 0.01),
        }),
        msg('brand.new.line'),
      );
    },
    'add-qr': () => {
      const c = centre();
      const Qr = fabric.classRegistry.getClass('QrCode') as new (o: object) => Obj;
      const q = new Qr({
        left: c.x,
        top: c.y,
        width: unit * 0.3,
        height: unit * 0.3,
        fill: '#1d1d1f',
        backgroundColor: '#ffffff',
        strokeWidth: 0,
      }) as Obj & { qrText: string };
      q.factKey = 'qr';
      q.qrText = state.facts.shortUrl || 'https://etalase';
      add(q, msg('brand.fact.qr'));
    },
    'add-halal': async () => {
      const img = (await fabric.FabricImage.fromURL('/brand/assets/halal-mark.png')) as fabric.FabricImage & Obj;
      const c = centre();
      img.set({ left: c.x, top: c.y });
      img.scaleToWidth(unit * 0.18);
      img.factKey = 'halal';
      img.visible = !!state.facts.halalNumber;
      add(img, msg('brand.fact.halal'));
    },
    duplicate: async () => {
      const a = canvas.getActiveObject() as Obj | undefined;
      if (!a || a instanceof fabric.ActiveSelection) return;
      const copy = (await a.clone(CUSTOM)) as Obj;
      copy.set({ left: (a.left ?? 0) + unit * 0.03, top: (a.top ?? 0) + unit * 0.03 });
      add(copy, msg('brand.new.copy', { name: a.name ?? a.type }));
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
      state.loading = true;
      canvas.remove(...objs);
      const grp = new fabric.Group(objs) as fabric.Group & Obj;
      state.loading = false;
      add(grp, msg('brand.new.group'));
    },
    ungroup: () => {
      const a = canvas.getActiveObject();
      if (!(a instanceof fabric.Group) || a instanceof fabric.ActiveSelection) return;
      state.loading = true;
      const objs = a.removeAll();
      canvas.remove(a);
      canvas.add(...objs);
      state.loading = false;
      canvas.setActiveObject(new fabric.ActiveSelection(objs, { canvas }));
      canvas.requestRenderAll();
      doc.snapshot();
    },
  };
  return { add, addText, unit, centre, actions };
}
