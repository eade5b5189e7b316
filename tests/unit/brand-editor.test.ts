import { describe, expect, it } from 'vitest';
import { DesignHistory } from '../../src/brand/editor/history.ts';
import { pageLines, snapOffset, xEdges, yEdges } from '../../src/brand/editor/snap.ts';
import { relativeSources } from '../../src/brand/editor/serialize.ts';

describe('studio history', () => {
  it('undoes and redoes in order, ignores a repeated state and drops the redo branch on a new edit', () => {
    const h = new DesignHistory();
    h.reset('a');
    expect(h.record('a')).toBe(false);
    expect(h.record('b')).toBe(true);
    h.record('c');
    expect(h.step(-1)).toBe('b');
    expect(h.step(-1)).toBe('a');
    expect(h.step(-1)).toBeNull();
    expect(h.current).toBe('a');
    expect(h.step(1)).toBe('b');
    h.record('d');
    expect(h.step(1)).toBeNull();
    expect(h.step(-1)).toBe('b');
    expect(h.step(1)).toBe('d');
  });
  it('keeps at most its limit of states, dropping the oldest', () => {
    const h = new DesignHistory(3);
    h.reset('1');
    for (const s of ['2', '3', '4']) h.record(s);
    expect(h.step(-1)).toBe('3');
    expect(h.step(-1)).toBe('2');
    expect(h.step(-1)).toBeNull();
  });
});

describe('snapping maths', () => {
  const box = { left: 10, top: 20, width: 100, height: 40 };
  it('edges and centre of a box', () => {
    expect(xEdges(box)).toEqual([10, 60, 110]);
    expect(yEdges(box)).toEqual([20, 40, 60]);
    expect(pageLines({ left: 0, top: 0, width: 200, height: 100 }, { left: 10, top: 10, width: 180, height: 80 }))
      .toEqual({ xs: [0, 100, 200, 10, 190], ys: [0, 50, 100, 10, 90] });
  });
  it('the closest line within the threshold wins; nothing beyond it', () => {
    expect(snapOffset([10, 60, 110], [64, 107], 8)).toEqual({ d: -3, line: 107 });
    expect(snapOffset([10, 60, 110], [64], 8)).toEqual({ d: 4, line: 64 });
    expect(snapOffset([10, 60, 110], [70, 125], 8)).toBeNull();
    expect(snapOffset([10], [18], 8)).toBeNull(); // exactly the threshold is not close enough
  });
});

describe('serialisation', () => {
  it('makes this site\'s image URLs relative, in groups too, and leaves other text alone', () => {
    const o = relativeSources({ type: 'Group', objects: [
      { type: 'Image', src: 'https://etalase.test/media/s1/m1/1024.png' },
      { type: 'Image', src: 'https://etalase.test.evil/x.png' },
      { type: 'Textbox', text: 'https://etalase.test/' },
    ] }, 'https://etalase.test');
    expect(o.objects).toEqual([
      { type: 'Image', src: '/media/s1/m1/1024.png' },
      { type: 'Image', src: 'https://etalase.test.evil/x.png' },
      { type: 'Textbox', text: 'https://etalase.test/' },
    ]);
  });
});
