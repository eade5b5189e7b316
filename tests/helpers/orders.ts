import { newId, newToken, nowIso, sha256Hex } from '#server/util.ts';
import type { OrderStatus, PaymentMethod } from '#server/db/schema.ts';

/**
 * Orders for payment tests, written straight into the real tables (orders + order_lines, shapes of
 * db/migrations/0003_orders.ts) until the public order API exists in this branch. Uses this process's
 * db module: point it at the right database first (useTestDatabase, or a server's env + resetConfig).
 */
export interface TestLine {
  name: string;
  variant?: string | null;
  unitPrice: number;
  quantity: number;
  productId?: string | null;
}

export async function insertOrder(opts: {
  shopId: string;
  lines: TestLine[];
  deliveryFee?: number;
  paymentMethod?: PaymentMethod;
  status?: OrderStatus;
  code?: string;
  locale?: 'id' | 'en';
  total?: number;
}): Promise<{ id: string; code: string; token: string }> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const id = newId();
  const token = newToken();
  const code = opts.code ?? `T-${id.slice(0, 6).toUpperCase()}`;
  const subtotal = opts.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const deliveryFee = opts.deliveryFee ?? 0;
  const now = nowIso();
  await db()
    .transaction()
    .execute(async (tx) => {
      await tx
        .insertInto('orders')
        .values({
          shop_id: opts.shopId,
          id,
          code,
          access_token_hash: sha256Hex(token),
          idempotency_key: null,
          channel: 'web',
          payment_method: opts.paymentMethod ?? 'card',
          status: opts.status ?? 'pending',
          customer_name: 'Daeng Test',
          customer_phone: '+6281200000001',
          delivery_method: deliveryFee > 0 ? 'local' : 'pickup',
          destination_code: null,
          subtotal,
          delivery_fee: deliveryFee,
          total: opts.total ?? subtotal + deliveryFee,
          locale: opts.locale ?? 'id',
          expires_at: null,
          receipt_media_id: null,
          stripe_checkout_session_id: null,
          stripe_payment_intent_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [i, l] of opts.lines.entries()) {
        await tx
          .insertInto('order_lines')
          .values({
            shop_id: opts.shopId,
            order_id: id,
            line_no: i + 1,
            product_id: l.productId ?? null,
            variant_id: null,
            name: l.name,
            variant_name: l.variant ?? null,
            sku: null,
            unit_price: l.unitPrice,
            unit_cost: null,
            quantity: l.quantity,
            line_total: l.unitPrice * l.quantity,
          })
          .execute();
      }
    });
  return { id, code, token };
}

export async function orderRow(shopId: string, orderId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return db().selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirstOrThrow();
}

export async function orderEvents(shopId: string, orderId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const rows = await db()
    .selectFrom('order_events')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

export async function shopIdOf(slug: string): Promise<string> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return (await db().selectFrom('shops').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
