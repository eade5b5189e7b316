import { Forbidden, Invalid } from '../errors.ts';
import { roleHas } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { newId, nowIso } from '../util.ts';
import { bumpShopVersion, inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { storage } from '../media/storage.ts';
import { mediaUrl } from '../media/save-media.ts';
import { readablePair } from '#brand/contrast.ts';
import { closestFace, FONT_FAMILIES } from '#brand/fonts.ts';
import type { DesignDoc } from '#brand/schema.ts';
import { loadDoc } from './design-store.ts';
import { queued, renderOgImage, renderPng } from './render-node.ts';
import { parsePublishedBrand, type PublishedBrand } from './get-published-brand.ts';
import sharp from 'sharp';

const DEFAULT_PRIMARY = '#8a3b12';

function webFont(family: string, weight: number) {
  if (!family || !FONT_FAMILIES.includes(family)) return null;
  const f = closestFace(family, weight, 'normal');
  return f ? { family, url: `/brand/fonts-web/${f.file.replace(/\.ttf$/, '.woff')}` } : null;
}

/** Write rendered files under a new public media id (purpose 'brand'); the row is inserted by the caller's transaction. */
async function storeFiles(shopId: string, files: Map<string, Buffer>, size: { width: number; height: number }) {
  const id = newId();
  for (const [name, bytes] of files) await storage().put(`${shopId}/${id}/${name}`, bytes);
  return {
    shop_id: shopId,
    id,
    purpose: 'brand' as const,
    visibility: 'public' as const,
    original_format: 'png',
    original_bytes: 0,
    width: size.width,
    height: size.height,
    widths: JSON.stringify([...files.keys()].map((n) => Number(n.split('.')[0]))),
    placeholder: '',
    created_by: null as string | null,
    created_at: nowIso(),
  };
}

/** Publishing is the owner's: the same 403 and message from the page and from the API. */
export function assertCanPublish(role: ShopRole): void {
  if (!roleHas(role, 'brand.publish')) throw new Forbidden('brand.publishOwnerOnly');
}

/**
 * Publish the kit to the shop's public pages (owner only): render the logo (512/1024, transparent),
 * the favicon set (32, 180 on white, 512) and the share image, then swap the published snapshot and
 * bump the shop's version in one transaction, so cached pages and the favicon change together.
 */
export async function publishBrandKit(opts: { shopId: string; userId: string; role: ShopRole; ip?: string }): Promise<PublishedBrand> {
  assertCanPublish(opts.role);
  const { draft, logoDoc, shopName, prevVersion } = await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const row = await tx.selectFrom('brand_kits').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
    if (!row) throw new Invalid({ kit: ['brand.kit.empty'] }, 'brand.kit.empty');
    let logoDoc: DesignDoc | null = null;
    if (row.logo_design_id) {
      const d = await tx
        .selectFrom('designs')
        .select(['id', 'version'])
        .where('shop_id', '=', shopId)
        .where('id', '=', row.logo_design_id)
        .executeTakeFirst();
      if (d) logoDoc = await loadDoc(scope, d.id, d.version);
    }
    const shop = await tx.selectFrom('shops').select('name').where('id', '=', shopId).executeTakeFirstOrThrow();
    const prev = row.published ? parsePublishedBrand(row.published).version : 0;
    return { draft: row, logoDoc, shopName: shop.name, prevVersion: prev };
  });
  const colors = JSON.parse(draft.colors) as string[];
  const primary = readablePair(colors[0] ?? DEFAULT_PRIMARY);
  const accent = readablePair(colors[1] ?? colors[0] ?? DEFAULT_PRIMARY);
  const heading = webFont(draft.heading_font, 700);
  const body = webFont(draft.body_font, 400);

  const mediaRows: Awaited<ReturnType<typeof storeFiles>>[] = [];
  let logo: PublishedBrand['logo'] = null;
  let favicon: PublishedBrand['favicon'] = null;
  let logo1024: Buffer | null = null;
  if (logoDoc) {
    const input = { shopId: opts.shopId, doc: logoDoc, facts: null, transparent: true };
    logo1024 = await queued(() => renderPng(input, 1024));
    const logo512 = await sharp(logo1024).resize(512, 512).png().toBuffer();
    // 128 px for the 40 px header logo of public pages (the 512 px file is ~10x the bytes on a slow phone).
    const logo128 = await sharp(logo1024).resize(128, 128).png({ compressionLevel: 9, palette: true, quality: 90 }).toBuffer();
    const l = await storeFiles(
      opts.shopId,
      new Map([
        ['128.png', logo128],
        ['512.png', logo512],
        ['1024.png', logo1024],
      ]),
      { width: 1024, height: 1024 },
    );
    mediaRows.push(l);
    logo = {
      url128: mediaUrl(opts.shopId, l.id, '128.png'),
      url512: mediaUrl(opts.shopId, l.id, '512.png'),
      url1024: mediaUrl(opts.shopId, l.id, '1024.png'),
    };
    const fav = new Map<string, Buffer>([
      ['32.png', await sharp(logo1024).resize(32, 32).png().toBuffer()],
      [
        '180.png',
        await sharp(logo1024)
          .resize(160, 160)
          .extend({ top: 10, bottom: 10, left: 10, right: 10, background: '#ffffff' })
          .flatten({ background: '#ffffff' })
          .png()
          .toBuffer(),
      ],
      ['512.png', logo512],
    ]);
    const f = await storeFiles(opts.shopId, fav, { width: 512, height: 512 });
    mediaRows.push(f);
    favicon = {
      png32: mediaUrl(opts.shopId, f.id, '32.png'),
      apple180: mediaUrl(opts.shopId, f.id, '180.png'),
      png512: mediaUrl(opts.shopId, f.id, '512.png'),
    };
  }
  const og = await queued(() =>
    renderOgImage({
      logoPng: logo1024,
      name: shopName,
      tagline: draft.tagline,
      bg: primary.bg,
      fg: primary.fg,
      headingFont: draft.heading_font || 'Poppins',
      bodyFont: draft.body_font || 'Poppins',
    }),
  );
  const ogRow = await storeFiles(opts.shopId, new Map([['1200.png', og]]), { width: 1200, height: 630 });
  mediaRows.push(ogRow);

  const published: PublishedBrand = {
    version: prevVersion + 1,
    tagline: draft.tagline,
    logo,
    favicon,
    ogImageUrl: mediaUrl(opts.shopId, ogRow.id, '1200.png'),
    colors: { primary: primary.bg, onPrimary: primary.fg, accent: accent.bg, onAccent: accent.fg, palette: colors },
    fonts: { heading, body },
  };
  const stored = JSON.stringify(published);
  await inShop(opts.shopId, async (scope) => {
    for (const r of mediaRows)
      await scope.tx
        .insertInto('media')
        .values({ ...r, created_by: opts.userId })
        .execute();
    const now = nowIso();
    await scope.tx
      .updateTable('brand_kits')
      .set({ published: stored, published_at: now, published_by: opts.userId, updated_at: now })
      .where('shop_id', '=', scope.shopId)
      .execute();
    await bumpShopVersion(scope);
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId,
      action: 'brand.published',
      ip: opts.ip,
      details: { version: published.version },
    });
  });
  return parsePublishedBrand(stored);
}
