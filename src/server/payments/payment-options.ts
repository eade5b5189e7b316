import type { ShopScope } from '../tenant/index.ts';
import { cardPaymentAvailable } from './card.ts';
import { prepared } from '../db/prepared.ts';

export interface BankAccount {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}
export interface PaymentOptions {
  whatsapp: boolean;
  transfer: boolean;
  card: boolean;
  bank: BankAccount | null;
  qrisMediaId: string | null;
}

const selectSettings = prepared((q, shopId: string) =>
  q
    .selectFrom('shop_payment_settings')
    .select(['bank_name', 'bank_account_number', 'bank_account_holder', 'qris_media_id', 'accept_whatsapp', 'accept_transfer'])
    .where('shop_id', '=', shopId),
);

/**
 * What a buyer may choose at checkout. Transfer needs the shop to accept it and to have a complete bank
 * account or a QRIS image; card is decided by the Stripe integration. WhatsApp agreement/COD is offered
 * when the shop accepts it, and always when nothing else is available (an order must be payable somehow).
 */
export async function paymentOptions(scope: ShopScope): Promise<PaymentOptions> {
  const { tx, shopId } = scope;
  const s = await selectSettings.first(tx, shopId);
  const bank =
    s?.bank_name && s.bank_account_number && s.bank_account_holder
      ? { bankName: s.bank_name, accountNumber: s.bank_account_number, accountHolder: s.bank_account_holder }
      : null;
  const qrisMediaId = s?.qris_media_id ?? null;
  const transfer = !!s?.accept_transfer && (!!bank || !!qrisMediaId);
  const card = await cardPaymentAvailable(scope);
  const whatsapp = (s ? s.accept_whatsapp === 1 : true) || (!transfer && !card);
  return { whatsapp, transfer, card, bank, qrisMediaId };
}
