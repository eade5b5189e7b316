import { inShop } from '../tenant/index.ts';
import { Conflict, Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { formatDay, formatRupiah, isLocale, t, type Locale } from '#i18n/index.ts';
import { whatsappLink } from '../shops/phone.ts';
import { requireCapability } from './require-capability.ts';
import { loadDebt } from './settle-debt.ts';

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * A reminder the shop sends a customer about an open receivable: a wa.me link whose text (the amount
 * outstanding, the due date, the order code) is in the customer's language. Plain text through
 * encodeURIComponent (whatsappLink): nothing in it is markup, and WhatsApp only opens it as a draft.
 */
export async function getDebtReminder(opts: { shopId: string; role: Role; debtId: string }): Promise<{ url: string; text: string }> {
  requireCapability(opts.role, 'orders.manage');
  return inShop(opts.shopId, async (scope) => {
    const d = await loadDebt(scope, opts.debtId);
    if (d.kind !== 'receivable') throw new Invalid({ debtId: ['ledger.reminderReceivableOnly'] });
    if (!d.party_phone) throw new Invalid({ customerPhone: ['ledger.reminderNoPhone'] });
    if (d.outstanding <= 0) throw new Conflict('ledger.debtSettled');
    const shop = await scope.tx.selectFrom('shops').select('name').where('id', '=', scope.shopId).executeTakeFirstOrThrow();
    const order = d.order_id
      ? await scope.tx
          .selectFrom('orders')
          .select('code')
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', d.order_id)
          .executeTakeFirst()
      : undefined;
    const locale: Locale = isLocale(d.locale) ? d.locale : 'id';
    const params = {
      name: oneLine(d.party_name) || t(locale, 'ledger.reminderCustomer'),
      shop: oneLine(shop.name),
      amount: formatRupiah(d.outstanding),
      code: order?.code ?? '',
      due: d.due_date ? formatDay(`${d.due_date}T00:00:00Z`, locale) : '',
    };
    // A debt without an order (saldo awal, a purchase) has no code: the gap it leaves closes up.
    const text = oneLine(t(locale, d.due_date ? 'ledger.reminderText' : 'ledger.reminderTextNoDue', params));
    return { url: whatsappLink(d.party_phone, text), text };
  });
}
