import { inShop } from '../tenant/index.ts';

/** The shop's money settings as stored (defaults before the first save: WhatsApp on, transfer off). */
export async function getPaymentSettings(shopId: string) {
  return inShop(shopId, async ({ tx }) => {
    const s = await tx.selectFrom('shop_payment_settings').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
    return {
      bankName: s?.bank_name ?? '',
      bankAccountNumber: s?.bank_account_number ?? '',
      bankAccountHolder: s?.bank_account_holder ?? '',
      qrisMediaId: s?.qris_media_id ?? null,
      acceptWhatsapp: s ? s.accept_whatsapp === 1 : true,
      acceptTransfer: s ? s.accept_transfer === 1 : false,
    };
  });
}
