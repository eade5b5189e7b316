import * as fabric from 'fabric';
import type { Obj, Studio } from './state.ts';

/** The interactive canvas with the studio's handle style (bigger handles on touch screens). */
export function createCanvas(el: HTMLCanvasElement): fabric.Canvas {
  const canvas = new fabric.Canvas(el, {
    preserveObjectStacking: true,
    controlsAboveOverlay: true,
    enableRetinaScaling: true,
    selectionKey: 'shiftKey',
    allowTouchScrolling: false,
    stopContextMenu: true,
  });
  const defaults = fabric.InteractiveFabricObject.ownDefaults;
  defaults.cornerSize = window.matchMedia('(pointer: coarse)').matches ? 22 : 12;
  defaults.touchCornerSize = 36;
  defaults.transparentCorners = false;
  defaults.cornerColor = '#8a3b12';
  defaults.borderColor = '#8a3b12';
  return canvas;
}

export interface Stage {
  /** The page itself: the first object, never exported, never selectable. */
  pageRect: Obj;
  paintPage(): void;
  /** Zoom so the whole page fits the stage. */
  fit(): void;
  /** Apply `state.zoom` and `state.panX` to the viewport. */
  applyZoom(): void;
}

/** Page, zoom and the overlay drawn above the design: logo outline, bleed, trim, safe area, snap guides. */
export function setupStage(s: Studio): Stage {
  const { canvas, state } = s;
  const stageEl = s.$('#stage')!;
  const pageRect = new fabric.Rect({
    left: 0,
    top: 0,
    originX: 'left',
    originY: 'top',
    width: state.g.width,
    height: state.g.height,
    selectable: false,
    evented: false,
    excludeFromExport: true,
    strokeWidth: 0,
  }) as fabric.Rect & Obj;
  pageRect.__page = true;

  function paintPage() {
    pageRect.set({ width: state.g.width, height: state.g.height, fill: state.background || '#ffffff' });
  }
  function fit() {
    const w = stageEl.clientWidth || 320;
    const maxH = Math.max(260, Math.min(window.innerHeight * 0.7, 900));
    state.zoom = Math.min((w - 24) / state.g.width, (maxH - 24) / state.g.height);
    applyZoom();
  }
  function applyZoom() {
    const { g, zoom } = state;
    const w = stageEl.clientWidth || 320;
    const h = Math.max(g.height * zoom + 24, 200);
    const free = w - g.width * zoom;
    // Centred while the page fits; otherwise panned (two fingers, or the arrow keys with Alt) within its edges.
    state.panX = free >= 24 ? 0 : Math.min(0, Math.max(free - 24, state.panX));
    canvas.setDimensions({ width: w, height: h });
    canvas.setViewportTransform([zoom, 0, 0, zoom, free >= 24 ? free / 2 : 12 + state.panX, 12]);
    canvas.requestRenderAll();
  }

  canvas.on('after:render', ({ ctx }) => {
    const { g } = state;
    const c = ctx as CanvasRenderingContext2D;
    const v = canvas.viewportTransform;
    c.save();
    c.transform(v[0], v[1], v[2], v[3], v[4], v[5]);
    const lw = 1 / state.zoom;
    if (!state.background && state.design.kind === 'logo') {
      c.strokeStyle = '#c8c8d0';
      c.lineWidth = lw;
      c.setLineDash([4 * lw, 4 * lw]);
      c.strokeRect(0, 0, g.width, g.height);
    }
    if (g.print) {
      const t = g.trim;
      c.fillStyle = 'rgba(60,60,70,0.28)';
      c.beginPath();
      c.rect(0, 0, g.width, g.height);
      if (g.round) c.ellipse(t.left + t.width / 2, t.top + t.height / 2, t.width / 2, t.height / 2, 0, 0, Math.PI * 2, true);
      else {
        c.moveTo(t.left, t.top);
        c.lineTo(t.left, t.top + t.height);
        c.lineTo(t.left + t.width, t.top + t.height);
        c.lineTo(t.left + t.width, t.top);
        c.closePath();
      }
      c.fill('evenodd');
      c.setLineDash([]);
      c.strokeStyle = '#e0245e';
      c.lineWidth = 1.5 * lw;
      c.beginPath();
      if (g.round) c.ellipse(t.left + t.width / 2, t.top + t.height / 2, t.width / 2, t.height / 2, 0, 0, Math.PI * 2);
      else c.rect(t.left, t.top, t.width, t.height);
      c.stroke();
      const sa = g.safe;
      c.strokeStyle = '#2b6cb0';
      c.setLineDash([6 * lw, 4 * lw]);
      c.lineWidth = lw;
      c.beginPath();
      if (g.round) c.ellipse(sa.left + sa.width / 2, sa.top + sa.height / 2, sa.width / 2, sa.height / 2, 0, 0, Math.PI * 2);
      else c.rect(sa.left, sa.top, sa.width, sa.height);
      c.stroke();
    }
    c.setLineDash([]);
    c.strokeStyle = '#d61f69';
    c.lineWidth = lw;
    for (const gl of state.guides) {
      c.beginPath();
      if (gl.x !== undefined) {
        c.moveTo(gl.x, -10000);
        c.lineTo(gl.x, 10000);
      }
      if (gl.y !== undefined) {
        c.moveTo(-10000, gl.y);
        c.lineTo(10000, gl.y);
      }
      c.stroke();
    }
    c.restore();
  });

  return { pageRect, paintPage, fit, applyZoom };
}
