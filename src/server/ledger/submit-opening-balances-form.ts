import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { typedWhole } from './cash-book.ts';
import { openingBalancesInput, setOpeningBalances } from './set-opening-balances.ts';

/**
 * The opening balances page's form: the money fields, and per product `qty:<item>` and `cost:<item>`
 * (item "productId" or "productId:variantId"); a product whose quantity is left empty is not touched.
 * Debts come as rows `receivable:<n>:name|phone|amount|dueDate` (and `payable:…`); a row left blank is skipped.
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
  const debts = (kind: 'receivable' | 'payable') =>
    [...new Set(Object.keys(f).flatMap((k) => (k.startsWith(`${kind}:`) ? [k.split(':')[1]!] : [])))]
      .sort((a, b) => Number(a) - Number(b))
      .map((n) => {
        const v = (field: string) => String(f[`${kind}:${n}:${field}`] ?? '').trim();
        return { name: v('name'), phone: v('phone') || null, amount: typedWhole(v('amount'), ''), dueDate: v('dueDate') || null };
      })
      .filter((d) => d.name !== '' || d.amount !== '' || d.phone || d.dueDate);
  const data = {
    date: f.date,
    cash: typedWhole(f.cash),
    bank: typedWhole(f.bank),
    receivables: debts('receivable'),
    equipment: typedWhole(f.equipment),
    payables: debts('payable'),
    inventory,
    idempotencyKey: f.idempotencyKey,
  };
  const input = parseInput(openingBalancesInput, data, opts.locale);
  return setOpeningBalances({ shopId: opts.shopId, role: opts.role, userId: opts.userId, input });
}
