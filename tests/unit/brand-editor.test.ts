import { describe, expect, it } from 'vitest';
import { DesignHistory } from '#brand/editor/history.ts';
import { pageLines, snapOffset, xEdges, yEdges } from '#brand/editor/snap.ts';
import { relativeSources } from '#brand/editor/serialize.ts';
import { createQueue } from '#brand/editor/queue.ts';
import { messenger, STUDIO_MESSAGE_KEYS, studioMessages } from '#brand/editor/messages.ts';
import { allKeys, translator } from '#i18n/index.ts';
import { EMPTY_FACTS, missingFacts } from '#brand/facts.ts';

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
    expect(pageLines({ left: 0, top: 0, width: 200, height: 100 }, { left: 10, top: 10, width: 180, height: 80 })).toEqual({
      xs: [0, 100, 200, 10, 190],
      ys: [0, 50, 100, 10, 90],
    });
  });
  it('the closest line within the threshold wins; nothing beyond it', () => {
    expect(snapOffset([10, 60, 110], [64, 107], 8)).toEqual({ d: -3, line: 107 });
    expect(snapOffset([10, 60, 110], [64], 8)).toEqual({ d: 4, line: 64 });
    expect(snapOffset([10, 60, 110], [70, 125], 8)).toBeNull();
    expect(snapOffset([10], [18], 8)).toBeNull(); // exactly the threshold is not close enough
  });
});

describe('serialisation', () => {
  it("makes this site's image URLs relative, in groups too, and leaves other text alone", () => {
    const o = relativeSources(
      {
        type: 'Group',
        objects: [
          { type: 'Image', src: 'https://etalase.test/media/s1/m1/1024.png' },
          { type: 'Image', src: 'https://etalase.test.evil/x.png' },
          { type: 'Textbox', text: 'https://etalase.test/' },
        ],
      },
      'https://etalase.test',
    );
    expect(o.objects).toEqual([
      { type: 'Image', src: '/media/s1/m1/1024.png' },
      { type: 'Image', src: 'https://etalase.test.evil/x.png' },
      { type: 'Textbox', text: 'https://etalase.test/' },
    ]);
  });
});

describe('action queue', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };

  it('runs actions one after another, even when an earlier one waits, and reports busy once', async () => {
    const busy: boolean[] = [];
    const q = createQueue((b) => busy.push(b));
    const log: string[] = [];
    const gate = deferred();
    const first = q.serial(async () => {
      log.push('first:start');
      await gate.promise;
      log.push('first:end');
      return 1;
    });
    const second = q.serial(() => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first:start']);
    expect(busy).toEqual([true]);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first:start', 'first:end', 'second']);
    expect(busy).toEqual([true, false]);
  });

  it('a failing action rejects its own promise and the next one still runs', async () => {
    const q = createQueue();
    const failed = q.serial(() => {
      throw new Error('refused');
    });
    const next = q.serial(() => 'ran');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
  });

  it('settled() waits for actions queued while it waits', async () => {
    const q = createQueue();
    const log: string[] = [];
    const gate = deferred();
    void q.serial(async () => {
      await gate.promise;
      void q.serial(() => {
        log.push('queued meanwhile');
      });
      log.push('first');
    });
    const done = q.settled().then(() => log.push('settled'));
    gate.resolve();
    await done;
    expect(log).toEqual(['first', 'queued meanwhile', 'settled']);
  });
});

describe('studio messages', () => {
  it('every text the island writes exists in Indonesian and English', () => {
    for (const locale of ['id', 'en'] as const) {
      const keys = new Set(allKeys(locale));
      for (const k of STUDIO_MESSAGE_KEYS) expect(keys.has(k), `${locale}: ${k}`).toBe(true);
    }
  });

  it('the page sends every missing-fact message the facts panel can show', () => {
    const shown = [...missingFacts(EMPTY_FACTS), ...missingFacts({ ...EMPTY_FACTS, registrationKind: 'pirt', registrationNumber: '123' })];
    expect(shown).toContain('brand.missing.registrationFormat');
    for (const k of shown) expect(STUDIO_MESSAGE_KEYS, k).toContain(k);
  });

  it('the page hands over one language and the island fills in the values', () => {
    const en = messenger(studioMessages(translator('en')));
    const id = messenger(studioMessages(translator('id')));
    expect(en('brand.saved', { version: 3 })).toBe('Saved (version 3)');
    expect(id('brand.saved', { version: 3 })).toBe('Tersimpan (versi 3)');
    expect(en('brand.fact.netWeight')).toBe('Net weight');
    expect(id('brand.versionLine', { version: 2, when: '2 Des 2026 09.15', author: 'Sari' })).toBe('v2 · 2 Des 2026 09.15 WITA · Sari');
  });
});
