import { isLocale, t, type Locale } from '#i18n/index.ts';
import type { ShopScope } from '../tenant/index.ts';
import type { CustomerUpdateData } from './customer-update-message.ts';

/** The shop facts the order desk's WhatsApp drafts and receipts need, read in the caller's transaction. */
export async function orderDeskShop(scope: ShopScope) {
  const { tx, shopId } = scope;
  const shop = await tx.selectFrom('shops').select(['name', 'address', 'whatsapp']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const pay = await tx
    .selectFrom('shop_payment_settings')
    .select(['bank_name', 'bank_account_number', 'bank_account_holder'])
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  const bank =
    pay?.bank_name && pay.bank_account_number
      ? { name: pay.bank_name, number: pay.bank_account_number, holder: pay.bank_account_holder ?? shop.name }
      : null;
  return { ...shop, bank };
}

/** The reason of the latest cancel event, in the customer's language (the merchant's words appended). */
export function cancelReasonText(locale: Locale, details: string | null | undefined): string | null {
  if (!details) return null;
  let d: { reason?: unknown; note?: unknown };
  try {
    d = JSON.parse(details) as typeof d;
  } catch {
    return null;
  }
  if (typeof d.reason !== 'string') return null;
  const key = `desk.reason.${d.reason}`;
  const label = t(locale, key);
  const base = label === key ? d.reason : label;
  return typeof d.note === 'string' && d.note ? `${base}: ${d.note}` : base;
}

export function orderLocale(raw: string): Locale {
  return isLocale(raw) ? raw : 'id';
}

export type { CustomerUpdateData };
