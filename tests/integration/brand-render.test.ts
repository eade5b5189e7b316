import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { useTestDatabase } from '../helpers/db.ts';

/** Renderer outputs and the brand domain functions, in-process on a fresh seeded database. */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let shopId: string;
let otherShopId: string;
let ownerId: string;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  shopId = (await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow()).id;
  otherShopId = (await db().selectFrom('shops').select('id').where('slug', '=', 'roti-balang').executeTakeFirstOrThrow()).id;
  ownerId = (
    await db()
      .selectFrom('shop_members')
      .select('user_id')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow()
  ).user_id;
});
afterAll(async () => {
  await env.close();
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-brand-'));
function rasterize(pdf: Buffer, args: string[]): { width: number; height: number; data: Buffer; file: string } {
  const f = path.join(tmp, `p${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, pdf);
  execFileSync('pdftoppm', [...args, '-png', '-singlefile', f, f.replace(/\.pdf$/, '')]);
  const png = f.replace(/\.pdf$/, '.png');
  return { ...readPng(fs.readFileSync(png)), file: png };
}
function readPng(buf: Buffer) {
  // pngjs is a dev dependency of the tests; sharp would do as well.
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const p = PNG.sync.read(buf);
  return { width: p.width, height: p.height, data: p.data };
}
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

function pdfPageSize(pdf: Buffer): [number, number] {
  const f = path.join(tmp, `i${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, pdf);
  const out = execFileSync('pdfinfo', [f]).toString();
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return [Number(m[1]), Number(m[2])];
}

async function design(kind: 'logo' | 'label' | 'social', name: string) {
  const { listDesigns } = await import('#server/branding/list-designs.ts');
  return (await listDesigns({ shopId })).find((d) => d.kind === kind && d.name.startsWith(name))!;
}

describe('renderer outputs', () => {
  it('logo PNG keeps transparency at 512 and 1024 px', async () => {
    const { exportDesign } = await import('#server/branding/export-design.ts');
    const logo = await design('logo', 'Logo HK05');
    for (const size of [512, 1024]) {
      const r = await exportDesign({ shopId, userId: ownerId, designId: logo.id, format: 'png', size: String(size) });
      const m = await sharp(r.bytes).metadata();
      expect([m.width, m.height, m.hasAlpha]).toEqual([size, size, true]);
      const { data } = await sharp(r.bytes).raw().toBuffer({ resolveWithObject: true });
      expect(data[3]).toBe(0); // the corner is transparent
      expect(data[((size / 2) * size + size / 2) * 4 + 3]).toBe(255); // the badge is opaque
    }
  });

  it('social post is 1080 × 1080', async () => {
    const { createDesign } = await import('#server/branding/create-design.ts');
    const { exportDesign } = await import('#server/branding/export-design.ts');
    const d = await createDesign({
      shopId,
      userId: ownerId,
      locale: 'id',
      input: { kind: 'social', name: 'Post', templateId: 'post-produk-baru' },
    });
    const r = await exportDesign({ shopId, userId: ownerId, designId: d.id, format: 'png' });
    const m = await sharp(r.bytes).metadata();
    expect([m.width, m.height]).toEqual([1080, 1080]);
  });

  it('print PDF: page = trim + 2 × 3 mm bleed at 300 DPI, with crop marks at the trim corners', async () => {
    const { exportDesign } = await import('#server/branding/export-design.ts');
    const label = await design('label', 'Label Telur');
    const r = await exportDesign({ shopId, userId: ownerId, designId: label.id, format: 'pdf' });
    expect(r.type).toBe('application/pdf');
    const [w, h] = pdfPageSize(r.bytes);
    expect(w).toBeCloseTo(((90 + 6) / 25.4) * 72, 1);
    expect(h).toBeCloseTo(((55 + 6) / 25.4) * 72, 1);
    // Rasterized at 300 DPI the page is trim + bleed in print pixels.
    const img = rasterize(r.bytes, ['-r', '300']);
    expect(Math.abs(img.width - (96 / 25.4) * 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(img.height - (61 / 25.4) * 300)).toBeLessThanOrEqual(1);
    // Crop marks: a black line runs in the bleed along each trim edge's extension (here at x = 3 mm on the top edge).
    const bleed = Math.round((3 / 25.4) * 300);
    const px = (x: number, y: number) => {
      const i = (y * img.width + x) * 4;
      return img.data[i]! + img.data[i + 1]! + img.data[i + 2]!;
    };
    const darkAt = (x: number, y: number) => [-1, 0, 1].some((d) => px(x + d, y) < 200 || px(x, y + d) < 200);
    for (const [x, y] of [
      [bleed, 5],
      [img.width - bleed, 5],
      [bleed, img.height - 5],
      [img.width - bleed, img.height - 5],
      [5, bleed],
      [img.width - 5, bleed],
      [5, img.height - bleed],
      [img.width - 5, img.height - bleed],
    ] as const) {
      expect(darkAt(x, y), `crop mark at ${x},${y}`).toBe(true);
    }
    // The artwork covers the bleed: the left band's brown reaches the page edge away from the marks.
    const i = (Math.round(img.height / 2) * img.width + 2) * 4;
    expect([img.data[i]! < 160, img.data[i + 2]! < 60]).toEqual([true, true]);
  });

  it('A4 sticker sheet tiles the label with cut lines and reports the count', async () => {
    const { exportDesign } = await import('#server/branding/export-design.ts');
    const { sheetLayout } = await import('#server/branding/render-node.ts');
    const label = await design('label', 'Label Telur');
    const r = await exportDesign({ shopId, userId: ownerId, designId: label.id, format: 'sheet' });
    expect(r.count).toBe(sheetLayout(90, 55).count);
    expect(r.count).toBe(8);
    const [w, h] = pdfPageSize(r.bytes);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    const img = rasterize(r.bytes, ['-r', '150']);
    // Count the tiles down the first column: runs of the label's brown band, 1 mm inside each tile's left edge
    // (the grid of 2 × 90 mm + 4 mm gap is centred on 210 mm, so tiles start at 13 mm).
    let tiles = 0;
    let inside = false;
    const x = Math.round((14 / 25.4) * 150);
    for (let y = 0; y < img.height; y++) {
      const i = (y * img.width + x) * 4;
      const brown = img.data[i]! > 90 && img.data[i]! < 150 && img.data[i + 1]! < 70 && img.data[i + 2]! < 40;
      if (brown && !inside) tiles++;
      inside = brown;
    }
    expect(tiles).toBe(4); // 2 columns × 4 rows
  });

  it('publishing renders the favicon set (32, 180, 512), logo 512/1024 and a 1200 × 630 share image; colours keep 4.5:1', async () => {
    const { getPublishedBrand } = await import('#server/branding/get-published-brand.ts');
    const { storage } = await import('#server/media/storage.ts');
    const { contrastRatio } = await import('#brand/contrast.ts');
    const b = (await getPublishedBrand(shopId))!;
    expect(b).not.toBeNull();
    const file = async (url: string) => {
      const m = /^\/media\/(\w+)\/(\w+)\/(\w+\.png)$/.exec(new URL(url, 'http://x').pathname)!;
      return sharp((await storage().get(`${m[1]}/${m[2]}/${m[3]}`))!).metadata();
    };
    expect((await file(b.favicon!.png32)).width).toBe(32);
    expect((await file(b.favicon!.apple180)).width).toBe(180);
    expect((await file(b.favicon!.png512)).width).toBe(512);
    const l = await file(b.logo!.url1024);
    expect([l.width, l.hasAlpha]).toEqual([1024, true]);
    expect((await file(b.logo!.url512)).width).toBe(512);
    expect((await file(b.logo!.url128!)).width).toBe(128);
    const og = await file(b.ogImageUrl!);
    expect([og.width, og.height]).toEqual([1200, 630]);
    expect(b.ogImageUrl).toMatch(/^https?:\/\//);
    // The shop moves to another domain: its share image follows (the kit keeps the path, not the old origin).
    const { resetConfig } = await import('#server/config.ts');
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = 'https://toko.example';
    resetConfig();
    try {
      const moved = (await getPublishedBrand(shopId))!;
      expect(moved.ogImageUrl).toBe(`https://toko.example${new URL(b.ogImageUrl!).pathname}`);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
      resetConfig();
    }
    expect(contrastRatio(b.colors.primary, b.colors.onPrimary)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(b.colors.accent, b.colors.onAccent)).toBeGreaterThanOrEqual(4.5);
    expect(b.fonts.heading?.url).toMatch(/^\/brand\/fonts-web\/.+\.woff$/);
  });

  it('publishing bumps the shop version in the same transaction', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const { publishBrandKit } = await import('#server/branding/publish-brand-kit.ts');
    const before = (await db().selectFrom('shops').select('version').where('id', '=', shopId).executeTakeFirstOrThrow()).version;
    const p = await publishBrandKit({ shopId, userId: ownerId, role: 'owner' });
    const after = (await db().selectFrom('shops').select('version').where('id', '=', shopId).executeTakeFirstOrThrow()).version;
    expect(after).toBe(before + 1);
    expect(p.version).toBeGreaterThanOrEqual(2);
  });
});

describe('saving designs', () => {
  const locale = 'id' as const;
  async function save(doc: unknown, onShop = shopId) {
    const { createDesign } = await import('#server/branding/create-design.ts');
    const { saveDesign } = await import('#server/branding/save-design.ts');
    const d = await createDesign({ shopId: onShop, userId: ownerId, locale, input: { kind: 'logo', name: 'x' } });
    return saveDesign({ shopId: onShop, userId: ownerId, designId: d.id, locale, input: { doc } });
  }
  const logo = (objects: unknown[]) => ({ v: 1, page: { kind: 'logo' }, background: '', objects });
  const img = (src: string) => ({ type: 'Image', src, width: 10, height: 10 });

  it("refuses remote, file:, data: and javascript: image sources, and another shop's media", async () => {
    for (const src of [
      'https://evil.example/a.png',
      'http://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
      'data:image/png;base64,iVBORw0KGgo=',
      'javascript:alert(1)',
      `/media/${otherShopId}/abcdef/1280.png`,
      `/media/${shopId}/nosuchmedia/1280.png`,
    ]) {
      await expect(save(logo([img(src)])), src).rejects.toMatchObject({ status: 400, messageKey: 'brand.design.imageSrc' });
    }
  });

  it("accepts this shop's own uploaded design image and the bundled halal mark", async () => {
    const { uploadDesignImage } = await import('#server/branding/upload-design-image.ts');
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const up = await uploadDesignImage({ shopId, userId: ownerId, data: png });
    expect(up.src).toMatch(new RegExp(`^/media/${shopId}/\\w+/1280\\.png$`));
    await expect(save(logo([img(up.src), img('/brand/assets/halal-mark.png')]))).resolves.toMatchObject({ version: 2 });
    // The same file is not usable by another shop.
    await expect(save(logo([img(up.src)]), otherShopId)).rejects.toMatchObject({ messageKey: 'brand.design.imageSrc' });
  });

  it('refuses 10,000 objects, script in text, and unknown properties with clear messages', async () => {
    await expect(save(logo(Array.from({ length: 10_000 }, () => ({ type: 'Rect' }))))).rejects.toMatchObject({
      status: 400,
      messageKey: 'brand.design.tooManyObjects',
    });
    await expect(save(logo([{ type: 'Textbox', text: 'Enak <script>alert(1)</script>' }]))).rejects.toMatchObject({
      messageKey: 'brand.design.markupInText',
    });
    await expect(save(logo([{ type: 'Textbox', text: '<img src=x onerror=alert(1)>' }]))).rejects.toMatchObject({
      messageKey: 'brand.design.markupInText',
    });
    await expect(save(logo([{ type: 'Rect', onload: 'alert(1)' }]))).rejects.toMatchObject({ messageKey: 'brand.design.unknownProperty' });
    // Harmless angle brackets in prose stay allowed.
    await expect(save(logo([{ type: 'Textbox', text: 'Harga < Rp 10.000 & pedas > manis' }]))).resolves.toMatchObject({ version: 2 });
  });

  it('keeps every version and restores an old one as a new version', async () => {
    const { createDesign } = await import('#server/branding/create-design.ts');
    const { saveDesign } = await import('#server/branding/save-design.ts');
    const { listVersions } = await import('#server/branding/list-design-versions.ts');
    const { restoreVersion } = await import('#server/branding/restore-design-version.ts');
    const { getDesign } = await import('#server/branding/get-design.ts');
    const d = await createDesign({ shopId, userId: ownerId, locale, input: { kind: 'logo', name: 'Versi' } });
    await saveDesign({
      shopId,
      userId: ownerId,
      designId: d.id,
      locale,
      input: { doc: logo([{ type: 'Rect', width: 100, height: 100, fill: '#ff0000' }]) },
    });
    await saveDesign({
      shopId,
      userId: ownerId,
      designId: d.id,
      locale,
      input: { doc: logo([{ type: 'Circle', radius: 40, fill: '#00ff00' }]), baseVersion: 2 },
    });
    await expect(
      saveDesign({ shopId, userId: ownerId, designId: d.id, locale, input: { doc: logo([]), baseVersion: 1 } }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await listVersions({ shopId, designId: d.id })).versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const r = await restoreVersion({ shopId, userId: ownerId, designId: d.id, version: 2 });
    expect(r.version).toBe(4);
    expect((await getDesign({ shopId, designId: d.id })).doc.objects[0]).toMatchObject({ type: 'Rect', fill: '#ff0000' });
  });

  it("another shop cannot read or export HK05's designs (not found)", async () => {
    const { getDesign } = await import('#server/branding/get-design.ts');
    const { exportDesign } = await import('#server/branding/export-design.ts');
    const label = await design('label', 'Label Telur');
    await expect(getDesign({ shopId: otherShopId, designId: label.id })).rejects.toMatchObject({ status: 404 });
    await expect(exportDesign({ shopId: otherShopId, userId: ownerId, designId: label.id, format: 'pdf' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('label facts: the halal mark needs a recorded certificate; missing facts are listed', async () => {
    const { listLabelFacts } = await import('#server/branding/list-label-facts.ts');
    const { saveLabelFacts } = await import('#server/branding/save-label-facts.ts');
    const { bindFacts } = await import('#brand/render.ts');
    const { findTemplate } = await import('#brand/templates/index.ts');
    const list = await listLabelFacts({ shopId });
    const seeded = list.products.find((p) => p.slug === 'telur-asin-bakar-isi-10')!;
    expect(seeded.missing).toEqual([]);
    expect(seeded.facts.shortUrl).toMatch(new RegExp(`/q/${seeded.productId}$`));
    const other = list.products.find((p) => p.slug === 'telur-asin-rebus-isi-6')!;
    expect(other.missing).toContain('brand.missing.composition');
    await expect(
      saveLabelFacts({
        shopId,
        userId: ownerId,
        productId: other.productId,
        input: {
          netWeight: '',
          composition: '',
          producerName: '',
          producerAddress: '',
          registrationKind: 'pirt',
          registrationNumber: '123',
          productionCode: '',
          expiryDate: '',
        },
      }),
    ).resolves.toMatchObject({ missing: expect.arrayContaining(['brand.missing.registrationFormat']) });
    const objs = findTemplate('telur-asin')!.doc.objects;
    const halal = (facts: typeof seeded.facts) =>
      bindFacts(objs, facts).find((o) => (o as { factKey?: string }).factKey === 'halal') as { visible?: boolean };
    expect(halal(seeded.facts).visible).toBe(true);
    expect(halal({ ...seeded.facts, halalNumber: '' }).visible).toBe(false);
    const roti = await listLabelFacts({ shopId: otherShopId });
    expect(roti.certifications.halalNumber).toBe('');
  });
});
