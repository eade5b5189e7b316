import { Invalid } from '../errors.ts';
import { nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import type { BrandKitInput } from './schemas.ts';

/** Save the draft kit (logo design, colours, fonts, tagline); only the fields given change. */
export async function saveBrandKit(opts: { shopId: string; userId: string; input: BrandKitInput; ip?: string }) {
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const i = opts.input;
    if (i.logoDesignId) {
      const d = await tx
        .selectFrom('designs')
        .select('kind')
        .where('shop_id', '=', shopId)
        .where('id', '=', i.logoDesignId)
        .executeTakeFirst();
      if (!d || d.kind !== 'logo') throw new Invalid({ logoDesignId: ['brand.kit.logoUnknown'] });
    }
    const values = {
      ...(i.logoDesignId !== undefined && { logo_design_id: i.logoDesignId }),
      ...(i.colors !== undefined && { colors: JSON.stringify(i.colors.map((c) => c.toLowerCase())) }),
      ...(i.headingFont !== undefined && { heading_font: i.headingFont }),
      ...(i.bodyFont !== undefined && { body_font: i.bodyFont }),
      ...(i.tagline !== undefined && { tagline: i.tagline }),
      updated_at: nowIso(),
    };
    await tx
      .insertInto('brand_kits')
      .values({ shop_id: shopId, ...values })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
      .execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'brand.kitSaved', ip: opts.ip, details: { fields: Object.keys(i) } });
  });
}
