import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { parseInput } from '#server/http/validate.ts';
import { NotFound } from '#server/errors.ts';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { createOrder } from '#server/orders/create-order.ts';
import { idempotencyKeyField } from '#server/orders/schemas.ts';
import { listOrders } from '#server/orders/list-orders.ts';

/** Public: place an order. Rate limit (declared on the route) runs before the body is parsed. */
export const POST = handle(ROUTES.createOrder, async ({ ctx, body }) => {
  const shop = await findShopBySlug(ctx.params.shop ?? '');
  if (!shop) throw new NotFound();
  const header = ctx.request.headers.get('idempotency-key');
  const key = body.idempotencyKey ?? (header ? parseInput(idempotencyKeyField, header, ctx.locals.locale) : null);
  const r = await createOrder({
    shopId: shop.id,
    locale: ctx.locals.locale,
    clientIp: ctx.locals.clientIp,
    input: {
      items: body.items.map((i) => ({
        productId: i.productId ?? null,
        product: i.product ?? null,
        variantId: i.variantId ?? null,
        quantity: i.quantity,
      })),
      customerName: body.customerName,
      customerPhone: body.customerPhone,
      delivery: body.delivery,
      destination: body.destination,
      address: body.address,
      notes: body.notes,
      payment: body.payment,
      idempotencyKey: key,
    },
  });
  return json(
    {
      code: r.code,
      status: r.status,
      subtotal: r.subtotal,
      deliveryFee: r.deliveryFee,
      total: r.total,
      payment: r.payment,
      statusUrl: r.statusUrl,
      ...(r.whatsappUrl ? { whatsappUrl: r.whatsappUrl } : {}),
      ...(r.checkoutUrl ? { checkoutUrl: r.checkoutUrl } : {}),
    },
    { status: 201, headers: r.replayed ? { 'idempotent-replayed': 'true' } : {} },
  );
});

export const GET = handle(ROUTES.listOrders, async ({ query, shop }) => {
  const r = await listOrders({ shopId: shop.shop.id, filters: query });
  return json({
    orders: r.orders.map((o) => ({
      code: o.code,
      status: o.status,
      channel: o.channel,
      payment: o.payment_method,
      delivery: o.delivery_method,
      destination: o.destination_code,
      customerName: o.customer_name,
      customerPhone: o.customer_phone,
      total: o.total,
      createdAt: o.created_at,
      expiresAt: o.expires_at,
    })),
    nextBefore: r.nextBefore,
  });
});
