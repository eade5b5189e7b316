import { z } from 'zod';
import type { ShopScope } from '../tenant/index.ts';
import { Conflict, Invalid } from '../errors.ts';
import type { CashBookKind, DebtKind } from '../db/schema.ts';
import { phoneField } from '../auth/schemas.ts';
import { newId, nowIso } from '../util.ts';
import { ACCOUNTS } from './chart-template.ts';
import { postEntry, type PostingLine } from './post-entry.ts';
import { bookDay } from './periods.ts';
import { checkDay } from './period-totals.ts';
import { addMonths, catchUpDepreciation } from './depreciation.ts';
import { shopDay } from './ledger-day.ts';

/** Shared fields of cash-book inputs (each use case's schema extends them). */
export const amountField = z
  .number({ error: 'ledger.amountInvalid' })
  .int({ error: 'ledger.amountInvalid' })
  .min(1, { error: 'ledger.amountInvalid' })
  .max(1_000_000_000_000, { error: 'ledger.amountInvalid' });
export const dateField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .describe('YYYY-MM-DD (the program time zone); today when absent');
export const memoField = z.string().trim().max(200).default('');
export const keyField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, { error: 'orders.idempotencyKeyFormat' });
export const moneyField = z.enum(['cash', 'bank'], { error: 'validation.choice' });
export const partyField = z.string().trim().max(80).default('');
export const partyPhoneField = phoneField
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** A number typed in a form ("25.000" or "25000") as a whole number; empty is `empty`; anything else is left for the schema to refuse. */
export function typedWhole(v: unknown, empty: unknown = 0): unknown {
  const raw = String(v ?? '').replace(/[.\s]/g, '');
  return raw === '' ? empty : /^\d{1,13}$/.test(raw) ? Number(raw) : raw;
}

export function moneyAccountOf(paidWith: 'cash' | 'bank'): string {
  return paidWith === 'cash' ? ACCOUNTS.cash : ACCOUNTS.bank;
}

/** An account of the shop's chart of one of the given types (the owner's own accounts included). */
export async function requireAccount(
  scope: ShopScope,
  field: string,
  code: string,
  types: readonly string[],
  exclude: readonly string[] = [],
): Promise<void> {
  const a = await scope.tx
    .selectFrom('ledger_accounts')
    .select(['type'])
    .where('shop_id', '=', scope.shopId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!a || !types.includes(a.type) || exclude.includes(code)) throw new Invalid({ [field]: ['ledger.accountNotAllowed'] });
}

/** A receipt photo already stored through the image pipeline (private media of purpose 'receipt') of this shop. */
export async function requireReceipt(scope: ShopScope, mediaId: string | null | undefined): Promise<string | null> {
  if (!mediaId) return null;
  const m = await scope.tx
    .selectFrom('media')
    .select('id')
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', mediaId)
    .where('purpose', '=', 'receipt')
    .executeTakeFirst();
  if (!m) throw new Invalid({ receiptMediaId: ['ledger.receiptNotFound'] });
  return m.id;
}

export interface CashBookResult {
  recorded: boolean;
  id: string;
  entryId: string;
  day: string;
  debtId: string | null;
}

/**
 * One cash-book record: its journal entry (keyed `cash:<kind>:<client key>`, so a retried request posts
 * once), the cash-book row, and for a purchase on credit the payable (hutang) with its due date, all in
 * the caller's transaction. A repeated key answers with the first record and writes nothing.
 */
export async function writeCashBook(
  scope: ShopScope,
  r: {
    kind: CashBookKind;
    key: string;
    date: string | null;
    account: string;
    amount: number;
    paidWith: 'cash' | 'bank' | 'credit';
    lines: PostingLine[];
    memo: string;
    partyName?: string;
    receiptMediaId?: string | null;
    userId: string | null;
    payable?: { name: string; phone: string | null; dueDate: string | null } | null;
    after?: (cashBookId: string, day: string) => Promise<void>;
  },
): Promise<CashBookResult> {
  const { tx, shopId } = scope;
  const idem = `cash:${r.kind}:${r.key}`;
  const prior = await tx
    .selectFrom('cash_book')
    .innerJoin('journal_entries', (j) =>
      j.onRef('journal_entries.shop_id', '=', 'cash_book.shop_id').onRef('journal_entries.id', '=', 'cash_book.entry_id'),
    )
    .select(['cash_book.id', 'cash_book.entry_id', 'cash_book.day', 'cash_book.debt_id'])
    .where('cash_book.shop_id', '=', shopId)
    .where('journal_entries.idem_key', '=', idem)
    .executeTakeFirst();
  if (prior) return { recorded: false, id: prior.id, entryId: prior.entry_id, day: prior.day, debtId: prior.debt_id };
  const day = await bookDay(scope, 'date', r.date);
  if (r.payable?.dueDate) {
    checkDay('dueDate', r.payable.dueDate);
    if (r.payable.dueDate < day) throw new Invalid({ dueDate: ['sales.dueDatePast'] });
  }
  const receipt = await requireReceipt(scope, r.receiptMediaId);
  const id = newId();
  const entry = await postEntry(scope, {
    key: idem,
    source: { type: 'cash_book', id },
    day,
    memo: r.memo,
    createdBy: r.userId,
    lines: r.lines,
  });
  // The key was checked above in this transaction; only a concurrent twin can get here, and it rolls back.
  if (!entry.posted) throw new Invalid({ idempotencyKey: ['orders.idempotencyKeyReused'] });
  const now = nowIso();
  let debtId: string | null = null;
  if (r.payable) {
    debtId = newId();
    await addDebt(scope, {
      id: debtId,
      kind: 'payable',
      orderId: null,
      entryId: entry.entryId!,
      name: r.payable.name,
      phone: r.payable.phone,
      amount: r.amount,
      dueDate: r.payable.dueDate,
      memo: r.memo,
      userId: r.userId,
    });
  }
  await tx
    .insertInto('cash_book')
    .values({
      shop_id: shopId,
      id,
      kind: r.kind,
      entry_id: entry.entryId!,
      account_code: r.account,
      amount: r.amount,
      paid_with: r.paidWith,
      party_name: r.partyName ?? r.payable?.name ?? '',
      memo: r.memo,
      receipt_media_id: receipt,
      debt_id: debtId,
      day,
      created_by: r.userId,
      created_at: now,
    })
    .execute();
  if (r.after) await r.after(id, day);
  await catchUpDepreciation(scope, addMonths((await shopDay(scope)).slice(0, 7), -1), r.userId);
  return { recorded: true, id, entryId: entry.entryId!, day, debtId };
}

export async function addDebt(
  scope: ShopScope,
  d: {
    id: string;
    kind: DebtKind;
    orderId: string | null;
    entryId: string;
    name: string;
    phone: string | null;
    amount: number;
    dueDate: string | null;
    memo: string;
    userId: string | null;
    locale?: string;
  },
): Promise<void> {
  await scope.tx
    .insertInto('ledger_debts')
    .values({
      shop_id: scope.shopId,
      id: d.id,
      kind: d.kind,
      order_id: d.orderId,
      entry_id: d.entryId,
      party_name: d.name,
      party_phone: d.phone,
      locale: d.locale ?? 'id',
      amount: d.amount,
      due_date: d.dueDate,
      memo: d.memo,
      created_by: d.userId,
      created_at: nowIso(),
    })
    .execute();
}

/**
 * The debts an entry opened (a stock-in on credit, an opening entry) are cancelled with it, in the caller's
 * transaction; refused with `conflictKey` once one is partly paid, as that payment would be left without a debt.
 */
export async function cancelEntryDebts(scope: ShopScope, entryId: string, conflictKey: string): Promise<void> {
  const { tx, shopId } = scope;
  const debts = await tx
    .selectFrom('ledger_debts')
    .select(['id', 'settled'])
    .where('shop_id', '=', shopId)
    .where('entry_id', '=', entryId)
    .execute();
  if (!debts.length) return;
  if (debts.some((d) => Number(d.settled) > 0)) throw new Conflict(conflictKey);
  const r = await tx
    .updateTable('ledger_debts')
    .set((eb) => ({ reduced: eb.ref('amount') }))
    .where('shop_id', '=', shopId)
    .where('entry_id', '=', entryId)
    .where('settled', '=', 0)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== debts.length) throw new Conflict(conflictKey);
}
