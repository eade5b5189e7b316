import { inShop } from '../tenant/index.ts';
import { paymentOptions } from '../payments/payment-options.ts';
import type { DeliveryMethod } from '../db/schema.ts';
import { availableMethods, deliveryFee, deliveryOptions } from './delivery-options.ts';

/** What the checkout form offers for this shop: delivery methods with their fee, and payment options. */
export async function checkoutOptions(shopId: string) {
  return inShop(shopId, async (scope) => {
    const shop = await scope.tx.selectFrom('shops').select(['profile']).where('id', '=', shopId).executeTakeFirstOrThrow();
    const delivery = deliveryOptions(shop.profile);
    const pay = await paymentOptions(scope);
    return {
      delivery: availableMethods(delivery).map((method: DeliveryMethod) => ({ method, fee: deliveryFee(delivery, method) })),
      payment: (['whatsapp', 'transfer', 'card'] as const).filter((p) => pay[p]),
    };
  });
}
