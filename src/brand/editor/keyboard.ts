import type * as fabric from 'fabric';
import type { DesignDocument } from './document.ts';
import type { Action } from './objects.ts';
import type { Stage } from './stage.ts';
import type { Studio } from './state.ts';

/** Shortcuts (Ctrl/⌘ Z, Y, S, D, G; Delete; + and -), arrow keys move the selection, Alt+arrows pan. */
export function setupKeyboard(s: Studio, actions: Record<string, Action>, stage: Stage, doc: DesignDocument): void {
  const { canvas, state } = s;
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select') || (canvas.getActiveObject() as fabric.Textbox | undefined)?.isEditing) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    const run = (name: string) => {
      e.preventDefault();
      void s.queue.serial(actions[name]!);
    };
    if (mod && k === 'z' && !e.shiftKey) return run('undo');
    if (mod && (k === 'y' || (k === 'z' && e.shiftKey))) return run('redo');
    if (mod && k === 's') return run('save');
    if (mod && k === 'd') return run('duplicate');
    if (mod && k === 'g') return run(e.shiftKey ? 'ungroup' : 'group');
    if (k === 'delete' || k === 'backspace') return run('delete');
    if (k === '+' || k === '=') return run('zoom-in');
    if (k === '-') return run('zoom-out');
    const step = (e.shiftKey ? 10 : 1) * (state.g.print ? 5 : 2);
    const moves: Record<string, [number, number]> = {
      arrowleft: [-step, 0],
      arrowright: [step, 0],
      arrowup: [0, -step],
      arrowdown: [0, step],
    };
    if (e.altKey && (k === 'arrowleft' || k === 'arrowright')) {
      e.preventDefault();
      state.panX += k === 'arrowleft' ? 40 : -40;
      stage.applyZoom();
      return;
    }
    const a = canvas.getActiveObject();
    const move = moves[k];
    if (a && move) {
      e.preventDefault();
      a.set({ left: a.left + move[0], top: a.top + move[1] });
      a.setCoords();
      canvas.requestRenderAll();
      doc.snapshot();
    }
  });
}
