import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { NotFound } from '#server/errors.ts';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { absoluteUrl } from '#server/config.ts';
import { getCustomerOrder } from '#server/orders/get-customer-order.ts';

/** Public with the status token: the same facts the status page shows, nothing more. */
export const GET = handle(ROUTES.orderStatus, async ({ ctx, query }) => {
  const shop = await findShopBySlug(ctx.params.shop ?? '');
  if (!shop) throw new NotFound();
  const token = query.token ?? '';
  const o = await getCustomerOrder({ shopId: shop.id, code: ctx.params.code ?? '', token });
  const page = `/${shop.slug}/pesanan/${encodeURIComponent(o.code)}/${token}`;
  return json(
    {
      code: o.code,
      status: o.status,
      createdAt: o.createdAt,
      expiresAt: o.status === 'pending' ? o.expiresAt : null,
      customerName: o.customerName,
      customerPhone: o.customerPhone,
      delivery: { method: o.delivery, destination: o.destination, address: o.address, fee: o.deliveryFee },
      notes: o.notes,
      payment: o.payment,
      subtotal: o.subtotal,
      total: o.total,
      receiptUploaded: o.receiptUploaded,
      lines: o.lines,
      events: o.events,
      transfer: o.transfer ? { bank: o.transfer.bank, qrisUrl: o.transfer.qris ? absoluteUrl(`${page}/qris/1280.png`) : null } : null,
    },
    { headers: { 'referrer-policy': 'no-referrer' } },
  );
});
