/**
 * Loading a document replaces the canvas only when Fabric has revived every object (fonts, images), so two
 * loads in flight could finish in either order and leave the canvas on a state the history cursor no longer
 * points at (quick undo then redo showed the undone text). Every action that changes the canvas runs through
 * this queue, one after another. `onBusy` hears when the first action starts and the last one ends.
 */
export interface ActionQueue {
  serial<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Resolves when every queued action has finished, including ones queued meanwhile (tests wait on it). */
  settled(): Promise<void>;
}

export function createQueue(onBusy: (busy: boolean) => void = () => {}): ActionQueue {
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  return {
    serial<T>(fn: () => T | Promise<T>): Promise<T> {
      if (queued++ === 0) onBusy(true);
      const run = queue.then(fn).finally(() => {
        if (--queued === 0) onBusy(false);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async settled(): Promise<void> {
      for (let q = queue; ; q = queue) {
        await q;
        if (q === queue) return;
      }
    },
  };
}
