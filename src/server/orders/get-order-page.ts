import { inShop } from '../tenant/index.ts';
import type { ShopRole } from '../db/schema.ts';
import type { Locale } from '#i18n/index.ts';
import { whatsappLink } from '../shops/phone.ts';
import { getOrder } from './get-order.ts';
import { customerUpdateText, receiptText } from './customer-update-message.ts';
import { cancelReasonText, orderDeskShop, orderLocale } from './order-desk-facts.ts';

/**
 * The merchant's order page: the order (getOrder), each cancel event's reason in the page's language, and
 * the "Chat pembeli" draft for the order's state in the customer's language.
 */
export async function getOrderPage(opts: { shopId: string; code: string; role: ShopRole; locale: Locale }) {
  const data = await getOrder(opts);
  const { order } = data;
  const shop = await inShop(opts.shopId, (scope) => orderDeskShop(scope));
  const customerLocale = orderLocale(order.locale);
  const cancelEvent = [...data.events].reverse().find((e) => e.type === 'cancelled');
  const text = customerUpdateText({
    locale: customerLocale,
    shopName: shop.name,
    shopAddress: shop.address,
    code: order.code,
    customerName: order.customer_name,
    status: order.status,
    delivery: order.delivery_method,
    destination: order.destination_code,
    payment: order.payment_method,
    subtotal: order.subtotal,
    deliveryFee: order.delivery_fee,
    discount: order.discount,
    total: order.total,
    bank: shop.bank,
    cancelReason: cancelReasonText(customerLocale, cancelEvent?.details),
  });
  return {
    ...data,
    events: data.events.map((e) => ({ ...e, reason: e.type === 'cancelled' ? cancelReasonText(opts.locale, e.details) : null })),
    chatUrl: order.customer_phone ? whatsappLink(order.customer_phone, text) : null,
    receiptShareUrl: order.customer_phone
      ? whatsappLink(
          order.customer_phone,
          receiptText({ ...order, locale: customerLocale, shopName: shop.name, deliveryFee: order.delivery_fee, lines: data.lines }),
        )
      : null,
  };
}
