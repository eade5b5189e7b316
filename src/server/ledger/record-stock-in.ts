import { inShop } from '../tenant/index.ts';
import { bumpShopVersion } from '../tenant/index.ts';
import { Invalid, NotFound } from '../errors.ts';
import { newId } from '../util.ts';
import { addDebt } from './cash-book.ts';
import { checkDay } from './period-totals.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry, type PostingLine } from './post-entry.ts';
import { changeItem, ensureValued, recordMovement, type ItemRef } from './inventory.ts';
import { requireCapability } from './require-capability.ts';
import type { ShopScope } from '../tenant/index.ts';
import { balancesOf } from './period-totals.ts';

export type StockInSource =
  /** Goods bought: paid from cash or bank, or on credit (Utang Usaha, and a payable to the supplier in hutang piutang). */
  | {
      kind: 'purchase';
      cost: number;
      paidWith: 'cash' | 'bank' | 'credit';
      supplierName?: string | null;
      supplierPhone?: string | null;
      dueDate?: string | null;
    }
  /** A production batch: its materials and packaging leave their stock accounts, other direct costs are paid in cash. */
  | { kind: 'production'; materials: number; packaging: number; otherCash: number };

/**
 * Stock in (pembelian or a production batch): the units join the product's one stock number, their cost
 * joins its value (the moving average moves), Persediaan is debited. `key` is the request's idempotency
 * key: the same stock-in sent twice is recorded once. The stock page and the API both call it, so a
 * purchase on credit opens the same payable (named supplier, due date) whichever way it came.
 */
export async function recordStockIn(opts: {
  shopId: string;
  role: Role;
  userId: string | null;
  item: ItemRef;
  quantity: number;
  source: StockInSource;
  key: string;
  at?: string;
}): Promise<{ recorded: boolean }> {
  requireCapability(opts.role, 'products.cost');
  const { quantity, source } = opts;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new Invalid({ quantity: ['ledger.quantityInvalid'] });
  const parts = source.kind === 'purchase' ? [source.cost] : [source.materials, source.packaging, source.otherCash];
  if (parts.some((n) => !Number.isSafeInteger(n) || n < 0)) throw new Invalid({ cost: ['ledger.amountInvalid'] });
  const cost = parts.reduce((s, n) => s + n, 0);
  const onCredit = source.kind === 'purchase' && source.paidWith === 'credit';
  const supplier = onCredit ? source.supplierName?.trim() || null : null;
  if (onCredit && !supplier) throw new Invalid({ 'source.supplierName': ['validation.required'] });
  const credit: PostingLine[] =
    source.kind === 'purchase'
      ? [
          {
            account: source.paidWith === 'cash' ? ACCOUNTS.cash : source.paidWith === 'bank' ? ACCOUNTS.bank : ACCOUNTS.payable,
            amount: -cost,
          },
        ]
      : [
          { account: ACCOUNTS.materials, amount: -source.materials },
          { account: ACCOUNTS.packaging, amount: -source.packaging },
          { account: ACCOUNTS.cash, amount: -source.otherCash },
        ];
  return inShop(opts.shopId, async (scope) => {
    const row = await ensureValued(scope, opts.item, { startTracking: true });
    if (!row) throw new NotFound('catalog.notFound');
    const key = `stock_in:${opts.key}`;
    if (source.kind === 'production') await requireStocked(scope, source, key);
    const entry = await postEntry(scope, {
      key,
      source: { type: 'stock', id: opts.item.variantId ?? opts.item.productId },
      at: opts.at,
      createdBy: opts.userId,
      memo: source.kind === 'purchase' ? 'pembelian persediaan' : 'produksi',
      lines: [{ account: ACCOUNTS.inventory, amount: cost }, ...credit],
    });
    if (!entry.posted) return { recorded: false };
    if (source.kind === 'purchase' && supplier) {
      if (source.dueDate) {
        checkDay('source.dueDate', source.dueDate);
        if (source.dueDate < entry.day) throw new Invalid({ 'source.dueDate': ['sales.dueDatePast'] });
      }
      await addDebt(scope, {
        id: newId(),
        kind: 'payable',
        orderId: null,
        entryId: entry.entryId!,
        name: supplier,
        phone: source.supplierPhone ?? null,
        amount: cost,
        dueDate: source.dueDate ?? null,
        memo: 'pembelian persediaan',
        userId: opts.userId,
      });
    }
    await recordMovement(scope, { key, item: opts.item, kind: 'stock_in', quantity, value: cost, glValue: cost, entryId: entry.entryId });
    await changeItem(scope, opts.item, quantity, cost);
    await bumpShopVersion(scope);
    return { recorded: true };
  });
}

/**
 * A batch takes its materials and packaging out of Bahan Baku and Persediaan Kemasan, so it can take no
 * more than was bought into them: a material bought as an expense (Beban Bahan Baku) is already a cost
 * and cannot become part of a batch's cost too. A replayed stock-in is not checked again.
 */
async function requireStocked(scope: ShopScope, source: { materials: number; packaging: number }, key: string): Promise<void> {
  const { tx, shopId } = scope;
  const done = await tx
    .selectFrom('journal_entries')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('idem_key', '=', key)
    .executeTakeFirst();
  if (done) return;
  const balance = await balancesOf(scope, [ACCOUNTS.materials, ACCOUNTS.packaging]);
  const fields: Record<string, string[]> = {};
  if (source.materials > balance(ACCOUNTS.materials)) fields['source.materials'] = ['ledger.materialsNotStocked'];
  if (source.packaging > balance(ACCOUNTS.packaging)) fields['source.packaging'] = ['ledger.packagingNotStocked'];
  if (Object.keys(fields).length) throw new Invalid(fields);
}
