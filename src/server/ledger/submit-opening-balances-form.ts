import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { openingBalancesInput, setOpeningBalances } from './set-opening-balances.ts';

/** "1.500.000" or "1500000" as a whole number; empty is 0; anything else is left for the schema to refuse. */
function whole(v: unknown): unknown {
  const raw = String(v ?? '').replace(/[.\s]/g, '');
  return raw === '' ? 0 : /^\d{1,13}$/.test(raw) ? Number(raw) : raw;
}

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
      return { productId, variantId: variantId || null, quantity: whole(f[k]), unitCost: whole(f[`cost:${k.slice(4)}`]) };
    });
  const data = {
    date: f.date,
    cash: whole(f.cash),
    bank: whole(f.bank),
    receivables: whole(f.receivables),
    equipment: whole(f.equipment),
    payables: whole(f.payables),
    inventory,
    idempotencyKey: f.idempotencyKey,
  };
  const input = parseInput(openingBalancesInput, data, opts.locale);
  return setOpeningBalances({ shopId: opts.shopId, role: opts.role, userId: opts.userId, input });
}
