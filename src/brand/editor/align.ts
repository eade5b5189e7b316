import * as fabric from 'fabric';
import { pageLines, snapOffset, xEdges, yEdges } from './snap.ts';
import type { DesignDocument } from './document.ts';
import type { Obj, Studio } from './state.ts';

/**
 * Align buttons (one object to the trim box, several to their common box) and snapping while dragging, with
 * the guide lines the stage draws.
 */
export function setupAlign(s: Studio, doc: DesignDocument): { align(where: string): void } {
  const { canvas, state } = s;

  function align(where: string) {
    const a = canvas.getActiveObject();
    if (!a) return;
    const { g } = state;
    const targets: fabric.FabricObject[] = a instanceof fabric.ActiveSelection ? a.getObjects() : [a];
    const bounds =
      a instanceof fabric.ActiveSelection
        ? a.getBoundingRect()
        : { left: g.trim.left, top: g.trim.top, width: g.trim.width, height: g.trim.height };
    if (a instanceof fabric.ActiveSelection) canvas.discardActiveObject();
    for (const o of targets) {
      const br = o.getBoundingRect();
      let dx = 0;
      let dy = 0;
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
    doc.snapshot();
  }

  canvas.on('object:moving', ({ target }) => {
    const threshold = 8 / state.zoom;
    const br = target.getBoundingRect();
    const { xs, ys } = pageLines(state.g.trim, state.g.safe);
    for (const o of canvas.getObjects() as Obj[]) {
      if (o === target || o.__page || !o.visible || (target instanceof fabric.ActiveSelection && target.contains(o))) continue;
      const b = o.getBoundingRect();
      xs.push(...xEdges(b));
      ys.push(...yEdges(b));
    }
    state.guides = [];
    const sx = snapOffset(xEdges(br), xs, threshold);
    const sy = snapOffset(yEdges(br), ys, threshold);
    if (sx) {
      target.set('left', target.left + sx.d);
      state.guides.push({ x: sx.line });
    }
    if (sy) {
      target.set('top', target.top + sy.d);
      state.guides.push({ y: sy.line });
    }
    target.setCoords();
  });
  canvas.on('mouse:up', () => {
    if (state.guides.length) {
      state.guides = [];
      canvas.requestRenderAll();
    }
  });

  return { align };
}
