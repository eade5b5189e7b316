import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { count } from '../helpers/full.ts';
import { ledgerShop, moveOrder, placeOrder, shopProblems } from '../helpers/ledger.ts';
import { AppError, Conflict } from '#server/errors.ts';

/**
 * Random sequences of orders, transitions, payments, cancellations, stock-ins, counts, hold lapses and
 * accepting (merchant) or paying (card, unguarded) an order whose hold lapsed, quick sales (paid now or on
 * credit), returns after fulfilment, settlements of receivables, cash-book entries and marketplace imports
 * (a newer export changing an order's status), against the real
 * domain functions. After every step the shop's books must pass every ledger check (each entry balances,
 * totals equal postings, stock equals its movements and Persediaan), and replaying any earlier request
 * must change nothing. `npm test` runs a seeded small count, `npm run test:full` 2,000 (LEDGER_PROPERTY_RUNS sets any).
 */
const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? count(25, 2_000));
const SEED = Number(process.env.LEDGER_PROPERTY_SEED ?? 20261202);

let env: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  env = await useTestDatabase({ seed: false });
  await seedVillage();
});
afterAll(async () => {
  await env.close();
});

async function seedVillage() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { newId, nowIso } = await import('#server/util.ts');
  const programId = newId();
  const districtId = newId();
  await db().insertInto('programs').values({ id: programId, slug: 'p', name: 'P', created_at: nowIso() }).execute();
  await db().insertInto('districts').values({ id: districtId, program_id: programId, slug: 'd', name: 'D' }).execute();
  await db().insertInto('villages').values({ id: newId(), program_id: programId, district_id: districtId, slug: 'v', name: 'V' }).execute();
}

type Action =
  | { kind: 'place'; quantity: number }
  | { kind: 'move'; order: number; to: 'confirmed' | 'paid' | 'fulfilled' | 'cancelled' }
  | { kind: 'stockIn'; quantity: number; cost: number; paidWith: 'cash' | 'bank' | 'credit' }
  | { kind: 'count'; delta: number }
  | { kind: 'replay'; step: number }
  | { kind: 'lapse' }
  | { kind: 'acceptAfterLapse'; order: number; by: 'user' | 'stripe' }
  | { kind: 'quickSale'; quantity: number; payment: 'cash' | 'qris' | 'credit'; price: number | null }
  | { kind: 'return'; order: number; quantity: number | null; restock: boolean }
  | { kind: 'settle'; amount: number }
  | { kind: 'cash'; what: 'expense' | 'capital' | 'drawing'; amount: number }
  | { kind: 'import'; order: number; quantity: number; status: 'Completed' | 'Cancelled' | 'Shipping'; fee: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), quantity: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant('move' as const),
    order: fc.nat({ max: 7 }),
    to: fc.constantFrom('confirmed' as const, 'paid' as const, 'fulfilled' as const, 'cancelled' as const),
  }),
  fc.record({
    kind: fc.constant('stockIn' as const),
    quantity: fc.integer({ min: 1, max: 12 }),
    cost: fc.integer({ min: 0, max: 400000 }),
    paidWith: fc.constantFrom('cash' as const, 'bank' as const, 'credit' as const),
  }),
  fc.record({ kind: fc.constant('count' as const), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('replay' as const), step: fc.nat({ max: 30 }) }),
  fc.record({ kind: fc.constant('lapse' as const) }),
  fc.record({
    kind: fc.constant('acceptAfterLapse' as const),
    order: fc.nat({ max: 7 }),
    by: fc.constantFrom('user' as const, 'stripe' as const),
  }),
  fc.record({
    kind: fc.constant('quickSale' as const),
    quantity: fc.integer({ min: 1, max: 5 }),
    payment: fc.constantFrom('cash' as const, 'qris' as const, 'credit' as const),
    price: fc.option(fc.integer({ min: 0, max: 50000 })),
  }),
  fc.record({
    kind: fc.constant('return' as const),
    order: fc.nat({ max: 7 }),
    quantity: fc.option(fc.integer({ min: 1, max: 3 })),
    restock: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('settle' as const), amount: fc.integer({ min: 1, max: 60000 }) }),
  fc.record({
    kind: fc.constant('cash' as const),
    what: fc.constantFrom('expense' as const, 'capital' as const, 'drawing' as const),
    amount: fc.integer({ min: 1, max: 500000 }),
  }),
  fc.record({
    kind: fc.constant('import' as const),
    order: fc.nat({ max: 3 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    status: fc.constantFrom('Completed' as const, 'Cancelled' as const, 'Shipping' as const),
    fee: fc.integer({ min: 0, max: 5000 }),
  }),
);

/** Every hold of the shop lapses (the minute timer's sweep, run as if long after the orders were placed). */
async function lapseAll(shopId: string) {
  const { inShop } = await import('#server/tenant/index.ts');
  const { lapseOrderHolds } = await import('#server/orders/lapse-order-holds.ts');
  return inShop(shopId, (scope) => lapseOrderHolds(scope, new Date(Date.now() + 365 * 86_400_000)));
}

async function snapshot(shopId: string, productId: string) {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const count = async (t: 'journal_entries' | 'journal_postings' | 'stock_movements' | 'orders' | 'order_returns' | 'cash_book') =>
    Number(
      (
        await db()
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('shop_id', '=', shopId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const p = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  const totals = await db()
    .selectFrom('ledger_totals')
    .select(['grain', 'period', 'account_code', 'debit', 'credit'])
    .where('shop_id', '=', shopId)
    .orderBy('grain')
    .orderBy('period')
    .orderBy('account_code')
    .execute();
  const debts = await db()
    .selectFrom('ledger_debts')
    .select(['id', 'settled', 'reduced'])
    .where('shop_id', '=', shopId)
    .orderBy('id')
    .execute();
  return {
    entries: await count('journal_entries'),
    postings: await count('journal_postings'),
    movements: await count('stock_movements'),
    orders: await count('orders'),
    returns: await count('order_returns'),
    cashBook: await count('cash_book'),
    debts,
    p,
    totals,
  };
}

let shopNo = 0;
describe(`ledger invariants under random sequences (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it(`${RUNS} sequences keep the books whole; replays change nothing`, async () => {
    const { countStock } = await import('#server/ledger/count-stock.ts');
    const { recordStockIn } = await import('#server/ledger/record-stock-in.ts');
    const { recordQuickSale } = await import('#server/orders/record-quick-sale.ts');
    const { recordOrderReturn } = await import('#server/orders/record-order-return.ts');
    const { settleDebt } = await import('#server/ledger/settle-debt.ts');
    const { listDebts } = await import('#server/ledger/list-debts.ts');
    const { recordExpense } = await import('#server/ledger/record-expense.ts');
    const { recordOwnerMoney } = await import('#server/ledger/record-owner-money.ts');
    const { commitMarketplaceImport } = await import('#server/imports/commit-marketplace-import.ts');
    const { Readable } = await import('node:stream');
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const { shopId, productId, userId } = await ledgerShop(`prop-${shopNo++}`, { price: 15000, cost: 9000, stock: 12 });
        const item = { productId, variantId: null };
        const orders: string[] = [];
        const codes = new Map<string, string>();
        const done: (() => Promise<unknown>)[] = [];
        for (const [i, a] of actions.entries()) {
          let run: (() => Promise<unknown>) | null = null;
          if (a.kind === 'place') {
            const key = `prop-order-key-${i}-${shopNo}`;
            run = async () => {
              const o = await placeOrder(shopId, productId, a.quantity, key);
              if (!orders.includes(o.orderId)) orders.push(o.orderId);
              codes.set(o.orderId, o.code);
            };
          } else if (a.kind === 'move' && orders.length) {
            const orderId = orders[a.order % orders.length]!;
            run = () => moveOrder(shopId, orderId, a.to);
          } else if (a.kind === 'stockIn') {
            run = () =>
              recordStockIn({
                shopId,
                role: 'owner',
                userId,
                item,
                quantity: a.quantity,
                key: `si-${i}`,
                source: { kind: 'purchase', cost: a.cost, paidWith: a.paidWith, supplierName: 'Pemasok' },
              });
          } else if (a.kind === 'count') {
            const { ownerDb: db } = await import('#tests/helpers/db.ts');
            const stock =
              (await db().selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()).stock ?? 0;
            const counted = Math.max(0, stock + a.delta);
            run = () => countStock({ shopId, role: 'owner', userId, item, counted, key: `count-${i}` });
          } else if (a.kind === 'lapse') {
            // A sweep, not a request: replaying it later would lapse the holds placed since, so it is not replayed.
            await lapseAll(shopId);
          } else if (a.kind === 'acceptAfterLapse' && orders.length) {
            const orderId = orders[a.order % orders.length]!;
            await lapseAll(shopId);
            const { inShop } = await import('#server/tenant/index.ts');
            const { transitionOrder } = await import('#server/orders/transition-order.ts');
            run =
              a.by === 'user'
                ? () => moveOrder(shopId, orderId, 'confirmed')
                : () => inShop(shopId, (scope) => transitionOrder(scope, { orderId, to: 'paid', actor: { kind: 'stripe' } }));
          } else if (a.kind === 'quickSale') {
            const input = {
              channel: 'stall' as const,
              payment: a.payment,
              dueDate: a.payment === 'credit' ? '2099-01-01' : null,
              customerName: 'Ani',
              customerPhone: null,
              notes: '',
              idempotencyKey: `prop-quick-${i}-${shopNo}`,
              items: [{ productId, quantity: a.quantity, ...(a.price === null ? {} : { unitPrice: a.price }) }],
            };
            run = async () => {
              const o = await recordQuickSale({ shopId, role: 'staff', userId, input });
              if (!orders.includes(o.orderId)) orders.push(o.orderId);
              codes.set(o.orderId, o.code);
            };
          } else if (a.kind === 'return' && orders.length) {
            const code = codes.get(orders[a.order % orders.length]!)!;
            const input = {
              lines: a.quantity === null ? undefined : [{ lineNo: 1, quantity: a.quantity }],
              reason: 'retur',
              restock: a.restock,
              idempotencyKey: `prop-return-${i}`,
            };
            run = () => recordOrderReturn({ shopId, role: 'staff', userId, code, input });
          } else if (a.kind === 'settle') {
            const open = (await listDebts({ shopId, role: 'owner', kind: 'receivable' })).debts[0];
            if (open)
              run = () =>
                settleDebt({
                  shopId,
                  role: 'staff',
                  userId,
                  debtId: open.id,
                  input: { amount: a.amount, paidWith: 'cash', date: null, idempotencyKey: `prop-settle-${i}` },
                });
          } else if (a.kind === 'cash') {
            const base = { amount: a.amount, paidWith: 'cash' as const, date: null, memo: '', idempotencyKey: `prop-cash-${i}` };
            const what = a.what;
            run =
              what === 'expense'
                ? () =>
                    recordExpense({
                      shopId,
                      role: 'owner',
                      userId,
                      input: { ...base, account: '5399', partyName: '', receiptMediaId: null },
                    })
                : () => recordOwnerMoney({ shopId, role: 'owner', userId, direction: what, input: base });
          } else if (a.kind === 'import') {
            // A Shopee export of one order (one of four per shop, so newer exports change earlier ones' status).
            const csv =
              'Order ID,Order Status,Product Name,Deal Price,Quantity,Commission Fee,Service Fee\r\n' +
              `SP-${shopNo}-${a.order},${a.status},Barang,15000,${a.quantity},${a.fee},0\r\n`;
            run = async () => {
              const r = await commitMarketplaceImport({
                shopId,
                role: 'staff',
                userId,
                input: { marketplace: 'shopee', format: 'csv' },
                file: { format: 'csv', open: () => Readable.from([Buffer.from(csv, 'utf8')]) },
              });
              // A file not applied whole (stock short, a status the lifecycle refuses) is no request to replay.
              if (r.badRows.length || r.orders.conflict || r.orders.unmatched) throw new Conflict('imports.conflict');
            };
          } else if (a.kind === 'replay' && done.length) {
            const again = done[a.step % done.length]!;
            const before = await snapshot(shopId, productId);
            await again().catch((e) => {
              if (!(e instanceof AppError)) throw e;
            });
            expect(await snapshot(shopId, productId)).toEqual(before);
          }
          if (run) {
            try {
              await run();
              done.push(run);
            } catch (e) {
              // Refused by the domain (stock short, a transition the lifecycle forbids): nothing may be written.
              if (!(e instanceof AppError)) throw e;
            }
          }
          expect(await shopProblems(shopId)).toEqual([]);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
