import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { nowIso } from '../util.ts';
import { confirmPassword } from '../auth/confirm-password.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import { recordAudit } from '../auth/audit.ts';
import { prepareMedia } from '../media/save-media.ts';
import type { PaymentSettingsInput } from './schemas.ts';
import { getPaymentSettings } from './get-payment-settings.ts';

/** Only the last four digits ever leave this function in logs: "****7890". */
function maskAccountNumber(n: string | null | undefined): string | null {
  if (!n) return null;
  return `****${n.slice(-4)}`;
}

/**
 * Money settings: bank account, QRIS image, accepted options. The owner re-enters their password in the
 * same form; a wrong one writes nothing (not even the uploaded image). Each change is audited with the
 * names of the changed fields, the account number masked.
 */
export async function updatePaymentSettings(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  input: PaymentSettingsInput;
  qris: Buffer | null;
  ip?: string;
}): Promise<{ changed: string[] }> {
  requireCapability(opts.role, 'payments.manage');
  const { input } = opts;
  await confirmPassword({ userId: opts.userId, password: input.password, wrongMessage: 'paySettings.wrongPassword' });
  const current = await getPaymentSettings(opts.shopId);
  const willHaveQris = !!opts.qris || (!!current.qrisMediaId && !input.removeQris);
  const hasBank = !!(input.bankName && input.bankAccountNumber && input.bankAccountHolder);
  if (input.acceptTransfer && !hasBank && !willHaveQris)
    throw new Invalid({ acceptTransfer: ['paySettings.transferNeedsDetails'] }, 'paySettings.transferNeedsDetails');
  if (!input.acceptTransfer && !input.acceptWhatsapp) throw new Invalid({ acceptWhatsapp: ['paySettings.needOne'] }, 'paySettings.needOne');

  // Outside the transaction (sharp is slow; SQLite has one connection). PNG keeps the QR modules crisp.
  const media = opts.qris
    ? await prepareMedia(opts.shopId, {
        data: opts.qris,
        purpose: 'qris',
        visibility: 'private',
        userId: opts.userId,
        keepAlpha: true,
      }).catch((err: unknown) => {
        if (err instanceof Invalid)
          throw new Invalid({ qris: err.fields.file ?? ['media.notImage'] }, err.fields.file?.[0] ?? 'media.notImage');
        throw err;
      })
    : null;

  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const next = {
      bank_name: input.bankName || null,
      bank_account_number: input.bankAccountNumber || null,
      bank_account_holder: input.bankAccountHolder || null,
      qris_media_id: media ? media.id : input.removeQris ? null : current.qrisMediaId,
      accept_whatsapp: input.acceptWhatsapp ? 1 : 0,
      accept_transfer: input.acceptTransfer ? 1 : 0,
    };
    const before = {
      bank_name: current.bankName || null,
      bank_account_number: current.bankAccountNumber || null,
      bank_account_holder: current.bankAccountHolder || null,
      qris_media_id: current.qrisMediaId,
      accept_whatsapp: current.acceptWhatsapp ? 1 : 0,
      accept_transfer: current.acceptTransfer ? 1 : 0,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    if (!changed.length) return { changed };
    if (media) await tx.insertInto('media').values(media).execute();
    const exists = await tx.selectFrom('shop_payment_settings').select('shop_id').where('shop_id', '=', shopId).executeTakeFirst();
    if (exists)
      await tx
        .updateTable('shop_payment_settings')
        .set({ ...next, updated_at: nowIso() })
        .where('shop_id', '=', shopId)
        .execute();
    else
      await tx
        .insertInto('shop_payment_settings')
        .values({ shop_id: shopId, ...next, updated_at: nowIso() })
        .execute();
    const details: Record<string, unknown> = { fields: changed };
    if (changed.includes('bank_account_number')) details.accountNumber = maskAccountNumber(next.bank_account_number) ?? '—';
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'payments.updated', ip: opts.ip, details });
    return { changed };
  });
}
