import { inShop } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { t } from '#i18n/index.ts';
import { reportHeader } from '../ledger/report-shop.ts';
import { formatPhone } from '../shops/phone.ts';
import { normalizeOrderCode } from './order-code.ts';
import { orderDeskShop, orderLocale } from './order-desk-facts.ts';
import { receiptPdf } from './receipt-pdf.ts';

/**
 * The order's receipt (nota) as a PDF with the shop's published logo, in the customer's language, for the
 * shop's members to download, print or pass on. The file is built between the two reads, outside any
 * transaction (pdfkit is slow work).
 */
export async function exportOrderReceipt(opts: { shopId: string; code: string; role: ShopRole; timezone: string }) {
  requireCapability(opts.role, 'orders.manage');
  const code = normalizeOrderCode(opts.code);
  if (!code) throw new NotFound('orders.notFound');
  const data = await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const o = await tx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('code', '=', code).executeTakeFirst();
    if (!o) throw new NotFound('orders.notFound');
    const lines = await tx
      .selectFrom('order_lines')
      .select(['name', 'variant_name', 'quantity', 'unit_price', 'line_total'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', o.id)
      .orderBy('line_no')
      .execute();
    return { o, lines, shop: await orderDeskShop(scope) };
  });
  const { logo } = await reportHeader(opts.shopId, true);
  const { o, lines, shop } = data;
  const locale = orderLocale(o.locale);
  const body = await receiptPdf({
    locale,
    timezone: opts.timezone,
    shopName: shop.name,
    shopAddress: shop.address,
    shopPhone: shop.whatsapp ? formatPhone(shop.whatsapp) : '',
    logo,
    code: o.code,
    createdAt: o.created_at,
    status: t(locale, `orders.status.${o.status}`),
    customerName: o.customer_name,
    delivery: t(locale, `delivery.${o.delivery_method}`),
    payment: t(locale, `payment.${o.payment_method}`),
    lines: lines.map((l) => ({
      name: l.variant_name ? `${l.name} (${l.variant_name})` : l.name,
      quantity: l.quantity,
      unitPrice: Number(l.unit_price),
      lineTotal: Number(l.line_total),
    })),
    subtotal: Number(o.subtotal),
    deliveryFee: Number(o.delivery_fee),
    discount: Number(o.discount),
    total: Number(o.total),
  });
  return { filename: `nota-${o.code}.pdf`, body };
}
