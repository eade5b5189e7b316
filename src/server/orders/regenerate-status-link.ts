import { inShop } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { absoluteUrl } from '../config.ts';
import { newToken, nowIso, sha256Hex } from '../util.ts';
import { t, isLocale } from '#i18n/index.ts';
import { whatsappLink } from '../shops/phone.ts';
import { normalizeOrderCode } from './order-code.ts';
import { recordOrderEvent } from './transition-order.ts';

/**
 * The status token exists only in the customer's first WhatsApp message. To send the link again the shop
 * issues a new token (the old link stops working) and gets a wa.me link to the customer with it.
 */
export async function regenerateStatusLink(opts: { shopId: string; code: string; userId: string; role: ShopRole }) {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  const token = newToken();
  const r = await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const o = await tx
      .selectFrom('orders')
      .select(['id', 'customer_name', 'customer_phone'])
      .where('shop_id', '=', shopId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!o) throw new NotFound('orders.notFound');
    const shop = await tx.selectFrom('shops').select(['slug', 'name', 'locale']).where('id', '=', shopId).executeTakeFirstOrThrow();
    await tx
      .updateTable('orders')
      .set({ access_token_hash: sha256Hex(token), token_box: null, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('id', '=', o.id)
      .execute();
    await recordOrderEvent(scope, { orderId: o.id, type: 'status_link_regenerated', actor: { kind: 'user', userId: opts.userId } });
    return { o, shop };
  });
  const statusUrl = absoluteUrl(`/${r.shop.slug}/pesanan/${encodeURIComponent(code)}/${token}`);
  const locale = isLocale(r.shop.locale) ? r.shop.locale : 'id';
  const text = t(locale, 'wa.statusLink', { name: r.o.customer_name.replace(/\s+/g, ' ').trim(), code, shop: r.shop.name, url: statusUrl });
  return { code, statusUrl, whatsappUrl: r.o.customer_phone ? whatsappLink(r.o.customer_phone, text) : null };
}
