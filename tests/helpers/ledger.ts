import { newId, nowIso } from '#server/util.ts';

/**
 * A fresh shop of its own for ledger tests (its books start empty), made through createShop like a
 * sign-up, with one product whose stock is tracked.
 */
export async function ledgerShop(
  slug: string,
  product: { price: number; cost: number; stock: number | null } = { price: 35000, cost: 22000, stock: 40 },
) {
  const { db } = await import('#server/db/index.ts');
  const { createShop } = await import('#server/shops/create-shop.ts');
  const { inShop } = await import('#server/tenant/index.ts');
  const village = await db().selectFrom('villages').select('id').executeTakeFirstOrThrow();
  const userId = newId();
  await db()
    .insertInto('users')
    .values({ id: userId, name: `Pemilik ${slug}`, email: `pemilik@${slug}.test`, phone: null, password_hash: 'x', created_at: nowIso() })
    .execute();
  const shop = await createShop({
    userId,
    input: { slug, name: `Toko ${slug}`, whatsapp: '+6285240009999', description: '', address: '', locale: 'id', villageId: village.id },
  });
  const productId = newId();
  await inShop(shop.id, async ({ tx, shopId }) => {
    const now = nowIso();
    await tx
      .insertInto('products')
      .values({
        shop_id: shopId,
        id: productId,
        slug: 'barang',
        name: 'Barang',
        price: product.price,
        compare_at_price: null,
        unit_cost: product.cost,
        sku: null,
        stock: product.stock,
        status: 'published',
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  return { shopId: shop.id, productId, userId };
}

export async function placeOrder(shopId: string, productId: string, quantity: number, idempotencyKey: string | null = null) {
  const { createOrder } = await import('#server/orders/create-order.ts');
  return createOrder({
    shopId,
    locale: 'id',
    input: {
      items: [{ productId, quantity }],
      customerName: 'Ibu Sitti',
      customerPhone: '+6285240001234',
      delivery: 'pickup',
      destination: null,
      address: '',
      notes: '',
      payment: 'whatsapp',
      idempotencyKey,
    },
  });
}

export async function moveOrder(shopId: string, orderId: string, to: 'confirmed' | 'paid' | 'fulfilled' | 'cancelled') {
  const { inShop } = await import('#server/tenant/index.ts');
  const { transitionOrder } = await import('#server/orders/transition-order.ts');
  return inShop(shopId, (scope) => transitionOrder(scope, { orderId, to, actor: { kind: 'user', userId: null } }));
}

export async function shopProblems(shopId: string) {
  const { inShop } = await import('#server/tenant/index.ts');
  const { checkShopLedger } = await import('#server/ledger/check-ledger.ts');
  return inShop(shopId, (scope) => checkShopLedger(scope));
}

export async function today(shopId: string): Promise<string> {
  const { inShop } = await import('#server/tenant/index.ts');
  const { shopDay } = await import('#server/ledger/ledger-day.ts');
  return inShop(shopId, (scope) => shopDay(scope));
}
