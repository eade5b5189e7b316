import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { parseInput } from '../http/validate.ts';
import { byAction } from '../http/page.ts';
import { prepareMedia } from '../media/save-media.ts';
import { requireCapability } from './require-capability.ts';
import { typedWhole } from './cash-book.ts';
import { recordOwnerMoney, ownerMoneyInput } from './record-owner-money.ts';
import { recordExpense, expenseInput } from './record-expense.ts';
import { recordCreditPurchase, creditPurchaseInput } from './record-credit-purchase.ts';
import { recordEquipmentPurchase, equipmentPurchaseInput } from './record-equipment-purchase.ts';
import { reverseEntry } from './reverse-entry.ts';

const MONEY_FIELDS = ['amount', 'cost', 'salvage', 'lifeMonths'] as const;

/**
 * The cash book page's forms (expense, capital, prive, purchase on credit, equipment, and reversing a
 * record): typed Rupiah as whole numbers ("25.000" too), a receipt photo through the image pipeline, then
 * the record use case. The input is checked before the photo is processed, so a bad form costs no sharp run.
 */
export async function submitCashBookForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  form: FormData;
  fields: Record<string, unknown>;
}): Promise<unknown> {
  requireCapability(opts.role, 'reports.profit');
  const data: Record<string, unknown> = { ...opts.fields };
  for (const f of MONEY_FIELDS) {
    if (data[f] === undefined) continue;
    data[f] = typedWhole(data[f], f === 'salvage' ? 0 : '');
  }
  const base = { shopId: opts.shopId, role: opts.role, userId: opts.userId };
  const receipt = async () => ({ receiptMediaId: await storeReceipt(opts.shopId, opts.userId, opts.form.get('receipt')) });
  return byAction(opts.form, {
    expense: async () => {
      const input = parseInput(expenseInput, data, opts.locale);
      return recordExpense({ ...base, input: { ...input, ...(await receipt()) } });
    },
    capital: () => recordOwnerMoney({ ...base, direction: 'capital', input: parseInput(ownerMoneyInput, data, opts.locale) }),
    drawing: () => recordOwnerMoney({ ...base, direction: 'drawing', input: parseInput(ownerMoneyInput, data, opts.locale) }),
    credit: async () => {
      const input = parseInput(creditPurchaseInput, data, opts.locale);
      return recordCreditPurchase({ ...base, input: { ...input, ...(await receipt()) } });
    },
    equipment: async () => {
      const input = parseInput(equipmentPurchaseInput, data, opts.locale);
      return recordEquipmentPurchase({ ...base, input: { ...input, ...(await receipt()) } });
    },
    reverse: () => reverseEntry({ ...base, entryId: String(data.entryId ?? '') }),
  });
}

/** A receipt photo: checked and re-encoded by sharp outside any transaction, stored private. None chosen: null. */
async function storeReceipt(shopId: string, userId: string, file: FormDataEntryValue | null): Promise<string | null> {
  if (!(file instanceof File) || file.size === 0) return null;
  const media = await prepareMedia(shopId, {
    data: Buffer.from(await file.arrayBuffer()),
    purpose: 'receipt',
    visibility: 'private',
    userId,
  }).catch((err: unknown) => {
    if (err instanceof Invalid)
      throw new Invalid({ receipt: err.fields.file ?? ['media.notImage'] }, err.fields.file?.[0] ?? 'media.notImage');
    throw err;
  });
  await inShop(shopId, ({ tx }) => tx.insertInto('media').values(media).execute());
  return media.id;
}
