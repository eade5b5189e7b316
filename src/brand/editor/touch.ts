import type { Stage } from './stage.ts';
import type { Studio } from './state.ts';

/** Two-finger pinch zooms (and pans) the stage on phones; one finger still moves and scales objects. Ctrl+wheel zooms too. */
export function setupTouch(s: Studio, stage: Stage): void {
  const { canvas, state } = s;
  const stageEl = s.$('#stage')!;
  let pinch: { d: number; z: number; x: number; p: number } | null = null;
  const dist = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY);
  const midX = (t: TouchList) => (t[0]!.clientX + t[1]!.clientX) / 2;
  stageEl.addEventListener(
    'touchstart',
    (e) => {
      if (e.touches.length === 2) {
        pinch = { d: dist(e.touches), z: state.zoom, x: midX(e.touches), p: state.panX };
        canvas.discardActiveObject();
      }
    },
    { passive: true },
  );
  stageEl.addEventListener(
    'touchmove',
    (e) => {
      if (!pinch || e.touches.length !== 2) return;
      state.zoom = Math.min(8, Math.max(0.05, pinch.z * (dist(e.touches) / pinch.d)));
      state.panX = pinch.p + (midX(e.touches) - pinch.x);
      stage.applyZoom();
    },
    { passive: true },
  );
  stageEl.addEventListener(
    'touchend',
    () => {
      pinch = null;
    },
    { passive: true },
  );
  canvas.on('mouse:wheel', (opt) => {
    const ev = opt.e as WheelEvent;
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    state.zoom *= ev.deltaY < 0 ? 1.1 : 1 / 1.1;
    stage.applyZoom();
  });
}
