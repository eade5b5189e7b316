import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { typedWhole } from './cash-book.ts';
import { openingBalancesInput, setOpeningBalances } from './set-opening-balances.ts';

/**
 * The opening balances page's form: the money fields, and per product `qty:<item>` and `cost:<item>`
 * (item "productId" or "productId:variantId"); a product whose quantity is left empty is not touched.
 */
export async function submitOpeningBalancesForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  fields: Record<string, unknown>;
}): Promise<{ capital: number }> {
  const f = opts.fields;
  const inventory = Object.keys(f)
    .filter((k) => k.startsWith('qty:') && String(f[k] ?? '').trim() !== '')
    .map((k) => {
      const [productId, variantId] = k.slice(4).split(':');
      return { productId, variantId: variantId || null, quantity: typedWhole(f[k]), unitCost: typedWhole(f[`cost:${k.slice(4)}`]) };
    });
  const data = {
    date: f.date,
    cash: typedWhole(f.cash),
    bank: typedWhole(f.bank),
    receivables: typedWhole(f.receivables),
    equipment: typedWhole(f.equipment),
    payables: typedWhole(f.payables),
    inventory,
    idempotencyKey: f.idempotencyKey,
  };
  const input = parseInput(openingBalancesInput, data, opts.locale);
  return setOpeningBalances({ shopId: opts.shopId, role: opts.role, userId: opts.userId, input });
}
