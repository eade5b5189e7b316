import { z } from 'zod';
import { bumpShopVersion, inShop, type ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry, type PostingLine } from './post-entry.ts';
import { bookDay, isClosed } from './periods.ts';
import { changeItem, ensureValued, readItem, recordMovement, type ItemRef } from './inventory.ts';
import { addDebt, cancelEntryDebts, dateField, keyField, partyPhoneField } from './cash-book.ts';
import { checkDay } from './period-totals.ts';
import { newId } from '../util.ts';
import { requireCapability } from './require-capability.ts';
import { OPENING_SOURCE, standingOpening } from './opening-entry.ts';

const balance = z
  .number({ error: 'ledger.amountInvalid' })
  .int({ error: 'ledger.amountInvalid' })
  .min(0, { error: 'ledger.amountInvalid' })
  .max(1_000_000_000_000, { error: 'ledger.amountInvalid' })
  .default(0);

const openingDebt = z.object({
  name: z.string().trim().min(1, { error: 'validation.required' }).max(80),
  phone: partyPhoneField,
  amount: z
    .number({ error: 'ledger.amountInvalid' })
    .int({ error: 'ledger.amountInvalid' })
    .min(1, { error: 'ledger.amountInvalid' })
    .max(1_000_000_000_000, { error: 'ledger.amountInvalid' }),
  dueDate: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => v || null)
    .describe('YYYY-MM-DD; may be before the start date (a debt already overdue)'),
});
export type OpeningDebt = z.output<typeof openingDebt>;

export const openingBalancesInput = z.object({
  date: dateField,
  cash: balance,
  bank: balance,
  receivables: z
    .array(openingDebt)
    .max(500)
    .default([])
    .describe('Who owed the business on the start date: each becomes a receivable in hutang piutang'),
  equipment: balance.describe('Equipment at its book value on the start date'),
  payables: z
    .array(openingDebt)
    .max(500)
    .default([])
    .describe('Whom the business owed on the start date: each becomes a payable in hutang piutang'),
  inventory: z
    .array(
      z.object({
        productId: z.string().trim().min(1).max(64),
        variantId: z.string().trim().min(1).max(64).nullable().optional(),
        quantity: z
          .number({ error: 'ledger.quantityInvalid' })
          .int({ error: 'ledger.quantityInvalid' })
          .min(0, { error: 'ledger.quantityInvalid' })
          .max(10_000_000, { error: 'ledger.quantityInvalid' }),
        unitCost: balance,
      }),
    )
    .max(2000)
    .default([]),
  idempotencyKey: keyField,
});
export type OpeningBalancesInput = z.output<typeof openingBalancesInput>;

/**
 * Saldo awal (Si APIK): what the business had on its start date, posted as one opening entry with
 * Modal Pemilik as the balancing figure. Inventory is entered per product as quantity and unit cost and
 * becomes the product's stock, so the storefront and the books keep one number. Receivables and payables
 * are named debts (who, amount, due date) that hutang piutang settles and reminds like any other. Sent
 * again with another key it corrects: the standing opening entry, its stock changes and its debts are
 * reversed (refused once one of them is partly paid), then the new one posts. The same key posts once;
 * an opening in a closed month is refused. Owner only.
 */
export async function setOpeningBalances(opts: {
  shopId: string;
  role: Role;
  userId: string;
  input: OpeningBalancesInput;
}): Promise<{ recorded: boolean; entryId: string; capital: number }> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  const key = `${OPENING_SOURCE}:${input.idempotencyKey}`;
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const prior = await tx
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('idem_key', '=', key)
      .executeTakeFirst();
    if (prior) return { recorded: false, entryId: prior.id, capital: await capitalOf(scope, prior.id) };
    const day = await bookDay(scope, 'date', input.date);
    input.receivables.forEach((d, i) => d.dueDate && checkDay(`receivables.${i}.dueDate`, d.dueDate));
    input.payables.forEach((d, i) => d.dueDate && checkDay(`payables.${i}.dueDate`, d.dueDate));
    if (await isClosed(scope, day.slice(0, 7))) throw new Conflict('ledger.periodClosed', { month: day.slice(0, 7) });
    await undoStanding(scope, opts.userId);

    const targets = new Map<string, { item: ItemRef; quantity: number; value: number }>();
    for (const l of input.inventory) {
      const item = { productId: l.productId, variantId: l.variantId ?? null };
      targets.set(`${item.productId}:${item.variantId ?? ''}`, { item, quantity: l.quantity, value: l.quantity * l.unitCost });
    }
    const moves: { item: ItemRef; dq: number; dv: number }[] = [];
    for (const t of targets.values()) {
      const row = await ensureValued(scope, t.item, { startTracking: true });
      if (!row) throw new NotFound('catalog.notFound');
      moves.push({ item: t.item, dq: t.quantity - (row.stock ?? 0), dv: t.value - (row.stock_value ?? 0) });
    }
    const inventory = moves.reduce((s, m) => s + m.dv, 0);
    const lines: PostingLine[] = [
      { account: ACCOUNTS.cash, amount: input.cash },
      { account: ACCOUNTS.bank, amount: input.bank },
      { account: ACCOUNTS.receivable, amount: sum(input.receivables) },
      { account: ACCOUNTS.inventory, amount: inventory },
      { account: ACCOUNTS.equipment, amount: input.equipment },
      { account: ACCOUNTS.payable, amount: -sum(input.payables) },
    ];
    const capital = lines.reduce((s, l) => s + l.amount, 0);
    lines.push({ account: ACCOUNTS.capital, amount: -capital });
    const entry = await postEntry(scope, { key, source: { type: OPENING_SOURCE }, day, createdBy: opts.userId, memo: 'saldo awal', lines });
    if (!entry.posted) throw new Invalid({ idempotencyKey: ['orders.idempotencyKeyReused'] });
    for (const [kind, debts] of [
      ['receivable', input.receivables],
      ['payable', input.payables],
    ] as const) {
      for (const d of debts) {
        await addDebt(scope, {
          id: newId(),
          kind,
          orderId: null,
          entryId: entry.entryId!,
          name: d.name,
          phone: d.phone,
          amount: d.amount,
          dueDate: d.dueDate,
          memo: 'saldo awal',
          userId: opts.userId,
        });
      }
    }
    for (const m of moves) {
      if (m.dq === 0 && m.dv === 0) continue;
      const mkey = `${key}:${m.item.productId}:${m.item.variantId ?? ''}`;
      await recordMovement(scope, {
        key: mkey,
        item: m.item,
        kind: 'opening',
        quantity: m.dq,
        value: m.dv,
        glValue: m.dv,
        entryId: entry.entryId,
      });
      await changeItem(scope, m.item, m.dq, m.dv);
    }
    if (moves.length) await bumpShopVersion(scope);
    return { recorded: true, entryId: entry.entryId!, capital };
  });
}

const sum = (debts: OpeningDebt[]) => debts.reduce((s, d) => s + d.amount, 0);

async function capitalOf(scope: ShopScope, entryId: string): Promise<number> {
  const r = await scope.tx
    .selectFrom('journal_postings')
    .select('amount')
    .where('shop_id', '=', scope.shopId)
    .where('entry_id', '=', entryId)
    .where('account_code', '=', ACCOUNTS.capital)
    .executeTakeFirst();
  return r ? -Number(r.amount) : 0;
}

/** Reverse the standing opening entry (the latest not yet reversed) and the stock it set, before a correction. */
async function undoStanding(scope: ShopScope, userId: string): Promise<void> {
  const { tx, shopId } = scope;
  const standing = await standingOpening(scope);
  if (!standing) return;
  if (await isClosed(scope, standing.day.slice(0, 7))) throw new Conflict('ledger.periodClosed', { month: standing.day.slice(0, 7) });
  const lines = await tx
    .selectFrom('journal_postings')
    .select(['account_code', 'amount'])
    .where('shop_id', '=', shopId)
    .where('entry_id', '=', standing.id)
    .execute();
  await cancelEntryDebts(scope, standing.id, 'ledger.openingDebtPaid');
  const rev = await postEntry(scope, {
    key: `reverse:${standing.id}`,
    source: { type: 'reversal', id: standing.id },
    reversesId: standing.id,
    createdBy: userId,
    memo: 'koreksi saldo awal',
    lines: lines.map((l) => ({ account: l.account_code, amount: -Number(l.amount) })),
  });
  const moved = await tx
    .selectFrom('stock_movements')
    .select(['id', 'product_id', 'variant_id', 'quantity', 'value'])
    .where('shop_id', '=', shopId)
    .where('entry_id', '=', standing.id)
    .execute();
  for (const m of moved) {
    const item = { productId: m.product_id, variantId: m.variant_id || null };
    const row = await readItem(scope, item);
    // Units the old opening added and that have been sold since cannot be taken back.
    if ((row?.stock ?? 0) < Number(m.quantity)) throw new Conflict('ledger.openingStockMoved');
    await recordMovement(scope, {
      key: `reverse:${standing.idem_key}:${m.id}`,
      item,
      kind: 'opening',
      quantity: -Number(m.quantity),
      value: -Number(m.value),
      glValue: -Number(m.value),
      entryId: rev.entryId,
    });
    await changeItem(scope, item, -Number(m.quantity), -Number(m.value));
  }
}
