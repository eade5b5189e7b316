import { applyLock, type DesignDocument } from './document.ts';
import type { Obj, Studio } from './state.ts';

const ICONS: Record<string, string> = {
  up: 'M12 5l-7 8h14z',
  down: 'M12 19l-7-8h14z',
  locked: 'M7 10V7a5 5 0 0 1 10 0v3h1v10H6V10zm2 0h6V7a3 3 0 0 0-6 0z',
  unlocked: 'M7 10V7a5 5 0 0 1 9.6-2l-1.8.9A3 3 0 0 0 9 7v3h9v10H6V10z',
  eye: 'M12 5c5 0 9 5 10 7-1 2-5 7-10 7S3 14 2 12c1-2 5-7 10-7zm0 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  eyeOff:
    'M3 4l17 17-1.4 1.4-3.2-3.2A10 10 0 0 1 12 19c-5 0-9-5-10-7a17 17 0 0 1 4.3-4.9L1.6 5.4zm9 1c5 0 9 5 10 7a17 17 0 0 1-3.2 4l-9-9A10 10 0 0 1 12 5z',
  pencil: 'M4 17v3h3l10-10-3-3zM19 8l-3-3 2-2 3 3z',
};

function icon(name: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  p.setAttribute('d', ICONS[name] ?? '');
  p.setAttribute('fill', 'currentColor');
  p.setAttribute('fill-rule', 'evenodd');
  svg.append(p);
  return svg;
}

/** The layers panel: select, reorder, lock, hide and rename (inline) the objects, topmost first. */
export function setupLayers(s: Studio, doc: DesignDocument): void {
  const { canvas, state, msg } = s;
  const layersEl = s.$('#layers')!;

  function render() {
    const active = new Set(canvas.getActiveObjects());
    const objs = (canvas.getObjects() as Obj[]).filter((o) => !o.__page).reverse();
    layersEl.replaceChildren(
      ...objs.map((o) => {
        const li = document.createElement('li');
        if (active.has(o)) li.className = 'active';
        const label = (o.name && s.init.layerNames[o.name]) || o.name || o.type;
        const name = document.createElement('button');
        name.type = 'button';
        name.className = 'layer-name';
        name.textContent = o.factKey ? msg('brand.boundLayer', { name: label }) : label;
        name.addEventListener('click', () => {
          if (o.locked || !o.visible) return;
          canvas.setActiveObject(o);
          canvas.requestRenderAll();
        });
        const mk = (iconName: string, title: string, fn: () => void) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'icon';
          b.title = title;
          b.setAttribute('aria-label', `${title}: ${label}`);
          b.append(icon(iconName));
          b.addEventListener('click', () => {
            fn();
            canvas.requestRenderAll();
            doc.snapshot();
            render();
          });
          return b;
        };
        li.append(
          name,
          mk('up', msg('brand.layerUp'), () => canvas.bringObjectForward(o)),
          mk('down', msg('brand.layerDown'), () => {
            if (canvas.getObjects().indexOf(o) > 1) canvas.sendObjectBackwards(o);
          }),
          mk(o.locked ? 'locked' : 'unlocked', o.locked ? msg('brand.unlock') : msg('brand.lock'), () => {
            o.locked = !o.locked;
            applyLock(o);
            if (o.locked) canvas.discardActiveObject();
          }),
          mk(o.visible ? 'eye' : 'eyeOff', o.visible ? msg('brand.hide') : msg('brand.show'), () => {
            o.visible = !o.visible;
            if (!o.visible) canvas.discardActiveObject();
          }),
          mk('pencil', msg('brand.rename'), () => {
            state.renaming = o;
          }),
        );
        if (state.renaming === o) {
          // Inline rename (no prompt dialogs, which phones handle badly).
          const input = document.createElement('input');
          input.value = o.name ?? '';
          input.maxLength = 80;
          input.className = 'layer-rename';
          input.setAttribute('aria-label', msg('brand.rename'));
          const done = (commit: boolean) => {
            if (state.renaming !== o) return;
            state.renaming = null;
            if (commit) {
              o.name = input.value.trim().slice(0, 80);
              doc.snapshot();
            }
            render();
          };
          input.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') done(true);
            if (e.key === 'Escape') done(false);
          });
          input.addEventListener('blur', () => done(true));
          name.replaceWith(input);
          queueMicrotask(() => input.focus());
        }
        return li;
      }),
    );
  }
  s.views.layers = render;
}
