/** Snapping while dragging: the page and other objects offer lines; the dragged box offers its edges and centre. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Left/centre/right (or top/middle/bottom) of a box along one axis. */
export const xEdges = (b: Box): number[] => [b.left, b.left + b.width / 2, b.left + b.width];
export const yEdges = (b: Box): number[] => [b.top, b.top + b.height / 2, b.top + b.height];

/**
 * The smallest move (under `threshold`, in design units) that puts one of `edges` on one of `lines`, and the
 * line it snaps to; null when nothing is close enough.
 */
export function snapOffset(edges: readonly number[], lines: readonly number[], threshold: number): { d: number; line: number } | null {
  let best: { d: number; line: number } | null = null;
  for (const e of edges)
    for (const l of lines) {
      const d = l - e;
      if (Math.abs(d) < threshold && (!best || Math.abs(d) < Math.abs(best.d))) best = { d, line: l };
    }
  return best;
}

/** Lines a page offers: trim edges and centre, safe-area edges. */
export function pageLines(trim: Box, safe: Box): { xs: number[]; ys: number[] } {
  return {
    xs: [...xEdges(trim), safe.left, safe.left + safe.width],
    ys: [...yEdges(trim), safe.top, safe.top + safe.height],
  };
}
