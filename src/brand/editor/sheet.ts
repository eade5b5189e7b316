import type { Studio } from './state.ts';

/** The width at which the dashboard shows its bottom bar (app.css), and the studio its properties as a sheet. */
const PHONE = '(max-width: 40rem)';

/**
 * On a phone the properties panel is a bottom sheet. Collapsed, it is a "Properti" handle (plus the text of a
 * selected text box), so the stage stays free to touch; it opens only from the handle, and on opening the
 * page scrolls so the selected object (or the top of the stage) sits above it. On a wide screen the handle
 * is hidden and the panel is the side panel it always was.
 */
export function setupSheet(s: Studio): void {
  const panel = s.$<HTMLElement>('#props-panel');
  const handle = s.$<HTMLButtonElement>('#sheet-toggle');
  if (!panel || !handle) return;
  const phone = window.matchMedia(PHONE);

  function keepClear() {
    const sheetTop = panel!.getBoundingClientRect().top;
    const canvasBox = s.canvas.upperCanvasEl.getBoundingClientRect();
    const a = s.canvas.getActiveObject();
    let top = canvasBox.top;
    let bottom = canvasBox.bottom;
    if (a) {
      const v = s.canvas.viewportTransform;
      const r = a.getBoundingRect();
      top = canvasBox.top + r.top * v[3] + v[5];
      bottom = canvasBox.top + (r.top + r.height) * v[3] + v[5];
    }
    // The toolbar sticks to the top of the screen once scrolled: its height is what it will cover.
    const toolbar = s.$('.toolbar')?.offsetHeight ?? 0;
    // Scroll the object's bottom above the sheet, without pushing its top under the sticky toolbar.
    const by = Math.min(bottom + 8 - sheetTop, top - toolbar - 8);
    if (by > 0) window.scrollBy(0, by);
  }
  function setOpen(open: boolean) {
    panel!.classList.toggle('open', open);
    handle!.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('sheet-open', open);
    if (open && phone.matches) keepClear();
  }
  handle.addEventListener('click', () => setOpen(!panel.classList.contains('open')));
  // Escape closes an open sheet and gives the focus back to its handle.
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && phone.matches && panel.classList.contains('open')) {
      setOpen(false);
      handle.focus();
    }
  });
}
