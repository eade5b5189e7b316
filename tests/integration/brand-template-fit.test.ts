import { describe, expect, it } from 'vitest';
import type * as FabricNS from 'fabric';
import { TEMPLATES } from '#brand/templates/index.ts';
import { geometry } from '#brand/kinds.ts';
import { textCircle } from '#brand/frames.ts';
import { SAMPLE_FACTS, type LabelFacts } from '#brand/facts.ts';
import { loadForNode } from '#server/branding/render-node.ts';

/**
 * Every starter template filled with a 40-character shop name, product name and tagline, loaded by the shared
 * renderer (the server's fabric/node with the bundled fonts): every text object stays inside its frame (its
 * width and `frameHeight`), inside the safe area, and on round labels and badge logos inside the circle.
 */
const LONG_SHOP = 'Dapur Sitti Borongloe Kue Tradisional Bu';
const LONG_PRODUCT = 'Kue Bolu Pandan Gula Aren Isi Keju Manis';
const LONG_TAGLINE = 'Dibuat setiap pagi dengan bahan dari desa';
const facts: LabelFacts = {
  ...SAMPLE_FACTS,
  shopName: LONG_SHOP,
  producerName: LONG_SHOP,
  productName: LONG_PRODUCT,
  tagline: LONG_TAGLINE,
};

type Box = { left: number; top: number; width: number; height: number };
// Fabric's bounding box includes the default 1-unit stroke.
const EPS = 1;
const inside = (b: Box, f: Box) =>
  b.left >= f.left - EPS &&
  b.top >= f.top - EPS &&
  b.left + b.width <= f.left + f.width + EPS &&
  b.top + b.height <= f.top + f.height + EPS;
const corners = (b: Box) => [
  [b.left, b.top],
  [b.left + b.width, b.top],
  [b.left, b.top + b.height],
  [b.left + b.width, b.top + b.height],
];

describe('starter templates fit a long shop name', () => {
  it('has 40-character sample texts', () => {
    expect([LONG_SHOP.length, LONG_PRODUCT.length, LONG_TAGLINE.length]).toEqual([40, 40, 41]);
  });
  for (const t of TEMPLATES) {
    it(`${t.id}: no text leaves its frame, the safe area or the circle`, async () => {
      const g = geometry(t.doc.page);
      const frames = new Map<string, Box>();
      for (const o of t.doc.objects as unknown as Record<string, number>[])
        if (o.type === ('Textbox' as never))
          frames.set(String(o.name), { left: o.left!, top: o.top!, width: o.width!, height: o.frameHeight! });
      const canvas = await loadForNode({ shopId: 'none', doc: t.doc, facts });
      try {
        const circle = textCircle(t.doc.page, t.doc.objects as unknown as Record<string, unknown>[]);
        const texts = canvas.getObjects().filter((o): o is FabricNS.Textbox => o.type === 'textbox');
        expect(texts.length).toBeGreaterThan(0);
        const bound = texts.filter((o) => (o as unknown as { factKey?: string }).factKey);
        expect(bound.map((o) => o.text).join('|')).not.toMatch(/TELUR ASIN|\bHK05\b/i);
        for (const o of texts) {
          const name = (o as unknown as { name: string }).name;
          const b = o.getBoundingRect();
          const frame = frames.get(name)!;
          expect(frame.height, `${name} has a frame height`).toBeGreaterThan(0);
          expect(inside(b, frame), `${name} ${JSON.stringify(b)} inside its frame ${JSON.stringify(frame)}`).toBe(true);
          expect(inside(b, g.safe), `${name} ${JSON.stringify(b)} inside the safe area ${JSON.stringify(g.safe)}`).toBe(true);
          if (circle)
            for (const [x, y] of corners(b))
              expect(Math.hypot(x! - circle.x, y! - circle.y), `${name} corner (${x}, ${y}) inside the circle`).toBeLessThanOrEqual(
                circle.r + EPS,
              );
        }
      } finally {
        canvas.dispose();
      }
    });
  }
});
