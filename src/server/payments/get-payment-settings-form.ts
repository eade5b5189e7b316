import type { ShopRole } from '../db/schema.ts';
import { requireCapability } from '../auth/access.ts';
import { getPaymentSettings } from './get-payment-settings.ts';
import { getStripeConnectStatus, type StripeConnectStatus } from './stripe/account-status.ts';

type TextField = 'bankName' | 'bankAccountNumber' | 'bankAccountHolder';
type CheckField = 'acceptWhatsapp' | 'acceptTransfer';

/**
 * What the payment settings page shows: after a failed save what was typed (never the password),
 * otherwise what is stored; whether a QRIS image is stored; the Stripe section's state.
 */
export async function getPaymentSettingsForm(opts: {
  shopId: string;
  role: ShopRole;
  typed: Record<string, unknown> | null;
}): Promise<Record<TextField, string> & Record<CheckField, boolean> & { qrisMediaId: string | null; stripe: StripeConnectStatus }> {
  requireCapability(opts.role, 'payments.manage');
  const current = await getPaymentSettings(opts.shopId);
  const stripe = await getStripeConnectStatus(opts);
  const typed = opts.typed;
  const text = (k: TextField) => String(typed ? (typed[k] ?? '') : current[k]);
  const check = (k: CheckField) => (typed ? typed[k] === '1' : current[k]);
  return {
    bankName: text('bankName'),
    bankAccountNumber: text('bankAccountNumber'),
    bankAccountHolder: text('bankAccountHolder'),
    acceptWhatsapp: check('acceptWhatsapp'),
    acceptTransfer: check('acceptTransfer'),
    qrisMediaId: current.qrisMediaId,
    stripe,
  };
}
