import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { useTestDatabase } from '../helpers/db.ts';

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
});
afterAll(async () => {
  await env.close();
});

async function photoWithGps(width: number, height: number, orientation = 1) {
  return sharp({ create: { width, height, channels: 3, background: '#c06030' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'HP Murah', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '5/1 12/1 0/1' } })
    .withMetadata({ orientation })
    .toBuffer();
}

describe('image pipeline', () => {
  it('re-encodes to AVIF/WebP/JPEG at 320/640/1280, never upscales, strips EXIF/GPS, auto-rotates', async () => {
    const { processImage } = await import('#server/media/process-image.ts');
    const input = await photoWithGps(2000, 1000, 6); // orientation 6: stored landscape, shown portrait
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processImage(input);
    expect(out.width).toBe(1000);
    expect(out.height).toBe(2000);
    expect([...out.files.keys()].sort()).toEqual([
      '1280.avif',
      '1280.jpg',
      '1280.webp',
      '320.avif',
      '320.jpg',
      '320.webp',
      '640.avif',
      '640.jpg',
      '640.webp',
    ]);
    for (const [name, bytes] of out.files) {
      const m = await sharp(bytes).metadata();
      expect(m.exif, name).toBeUndefined();
      expect(m.format).toBe(name.endsWith('avif') ? 'heif' : name.endsWith('jpg') ? 'jpeg' : 'webp');
    }
    expect((await sharp(out.files.get('320.webp')!).metadata()).width).toBe(320);
    expect((await sharp(out.files.get('1280.jpg')!).metadata()).width).toBe(1000); // not upscaled
    expect(out.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(out.placeholder.length).toBeLessThan(600);
  });

  it('rejects by content, not by name: text, SVG, truncated files, oversized files and pixel bombs', async () => {
    const { processImage } = await import('#server/media/process-image.ts');
    const reject = async (buf: Buffer, key: string) => {
      await expect(processImage(buf)).rejects.toMatchObject({ status: 400, fields: { file: [key] } });
    };
    await reject(Buffer.from('<script>alert(1)</script>'), 'media.notImage');
    await reject(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'),
      'media.notImage',
    );
    const good = await photoWithGps(100, 100);
    await reject(good.subarray(0, 40), 'media.notImage');
    await reject(Buffer.alloc(0), 'media.empty');
    await reject(Buffer.alloc(15 * 1024 * 1024 + 1, 1), 'media.tooLarge');
    // A small PNG that claims 12000 x 12000 pixels (a decompression bomb).
    const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#000' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    await expect(processImage(bomb)).rejects.toMatchObject({ status: 400 });
  });

  it('stores the files and a row for the shop; only public rendered sizes are served', async () => {
    const { inShop } = await import('#server/tenant/index.ts');
    const { saveMedia } = await import('#server/media/save-media.ts');
    const { storage } = await import('#server/media/storage.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const shop = await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow();
    const data = await photoWithGps(800, 600);
    const row = await inShop(shop.id, (scope) => saveMedia(scope, { data, purpose: 'product_photo', visibility: 'public', userId: null }));
    expect(row.width).toBe(800);
    expect(await storage().get(`${shop.id}/${row.id}/640.webp`)).not.toBeNull();
    expect(await storage().get(`${shop.id}/${row.id}/original`)).not.toBeNull();
    const stored = await db()
      .selectFrom('media')
      .selectAll()
      .where('shop_id', '=', shop.id)
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.widths)).toEqual([320, 640, 1280]);
  });

  it('answers Save-Data: on with the 320 px rendering of the same format, and says it varies on it', async () => {
    const { inShop } = await import('#server/tenant/index.ts');
    const { saveMedia } = await import('#server/media/save-media.ts');
    const { publicMediaResponse } = await import('#server/media/public-media-response.ts');
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const shop = await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow();
    const data = await photoWithGps(1600, 1200);
    const row = await inShop(shop.id, (scope) => saveMedia(scope, { data, purpose: 'product_photo', visibility: 'public', userId: null }));
    const width = async (r: Response) => (await sharp(Buffer.from(await r.arrayBuffer())).metadata()).width;
    for (const format of ['webp', 'avif', 'jpg']) {
      const full = await publicMediaResponse(shop.id, row.id, `1280.${format}`);
      expect(full.headers.get('vary')).toBe('Save-Data');
      expect(await width(full)).toBe(1280);
      const saving = await publicMediaResponse(shop.id, row.id, `1280.${format}`, { saveData: true });
      expect(saving.status).toBe(200);
      expect(saving.headers.get('content-type')).toBe(full.headers.get('content-type'));
      expect(saving.headers.get('vary')).toBe('Save-Data');
      expect(await width(saving)).toBe(320);
    }
    const privateOne = await inShop(shop.id, (scope) =>
      saveMedia(scope, { data, purpose: 'receipt', visibility: 'private', userId: null }),
    );
    expect((await publicMediaResponse(shop.id, privateOne.id, '640.webp', { saveData: true })).status).toBe(404);
  });
});
