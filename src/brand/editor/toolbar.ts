import * as fabric from 'fabric';
import { boundText, type BindKey } from '../facts.ts';
import type { DesignDoc } from '../schema.ts';
import type { DesignDocument } from './document.ts';
import type { Action, Objects } from './objects.ts';
import type { Properties } from './properties.ts';
import type { Stage } from './stage.ts';
import type { Obj, Studio } from './state.ts';

/**
 * Every `data-action` button (toolbar, properties panel, draft banner), the align buttons and palette swatches,
 * the label-fact picker, image upload and the export links. Returns the actions for the keyboard shortcuts.
 */
export function setupToolbar(
  s: Studio,
  parts: { doc: DesignDocument; stage: Stage; objects: Objects; props: Properties; align(where: string): void },
): Record<string, Action> {
  const { root, state, msg } = s;
  const { doc, stage, objects, props } = parts;
  const banner = () => s.$('#draft-banner')!;
  const actions: Record<string, Action> = {
    save: () => doc.save(),
    undo: () => doc.travel(-1),
    redo: () => doc.travel(1),
    ...objects.actions,
    'zoom-in': () => {
      state.zoom *= 1.25;
      stage.applyZoom();
    },
    'zoom-out': () => {
      state.zoom /= 1.25;
      stage.applyZoom();
    },
    'zoom-fit': () => stage.fit(),
    'restore-draft': async () => {
      const d = doc.readDraft();
      if (d) {
        await doc.load(JSON.parse(d.doc) as DesignDoc);
        doc.snapshot();
      }
      banner().hidden = true;
    },
    'discard-draft': () => {
      doc.clearDraft();
      banner().hidden = true;
    },
  };

  root.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const el = target.closest<HTMLElement>('[data-action]');
    const action = el ? actions[el.dataset.action!] : undefined;
    if (action) {
      e.preventDefault();
      void s.queue.serial(action);
    }
    const al = target.closest<HTMLElement>('[data-align]');
    if (al) parts.align(al.dataset.align!);
    const sw = target.closest<HTMLElement>('[data-swatch]');
    if (sw) void props.set('fill', sw.dataset.swatch!);
  });
  s.$<HTMLSelectElement>('#add-fact')?.addEventListener('change', (e) => {
    const sel = e.target as HTMLSelectElement;
    const key = sel.value as BindKey;
    if (key) {
      objects.addText(boundText(key, state.facts)?.text || msg(`brand.fact.${key}`), key);
      s.views.missing();
    }
    sel.value = '';
  });
  s.$<HTMLInputElement>('#image-file')?.addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const r = await s.api.uploadImage(file);
      const img = await fabric.FabricImage.fromURL(r.src);
      const c = objects.centre();
      img.set({ left: c.x, top: c.y });
      img.scaleToWidth(objects.unit * 0.5);
      objects.add(img as Obj, file.name.slice(0, 60));
    } catch (err) {
      s.setStatus(msg('brand.error', { message: (err as Error).message }));
    }
    input.value = '';
  });
  // Exports render the saved version: save first when there are changes.
  root.querySelectorAll<HTMLAnchorElement>('a[data-export]').forEach((a) =>
    a.addEventListener('click', async (e) => {
      if (!doc.hasChanges()) return;
      e.preventDefault();
      if (await doc.save()) location.href = a.href;
    }),
  );
  return actions;
}
