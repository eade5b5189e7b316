import { describe, expect, it } from 'vitest';
import { dbName, ledgerShop, placeOrder, rowCounts, shopProblems, today, useLedgerDatabase } from '../helpers/ledger.ts';
import type { DeviceChange } from '#server/sync/schemas.ts';

useLedgerDatabase();

async function mods() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const { applyDeviceChanges } = await import('#server/sync/apply-device-changes.ts');
  const { syncInput } = await import('#server/sync/schemas.ts');
  const { closeMonth } = await import('#server/ledger/close-month.ts');
  const { addMonths } = await import('#server/ledger/depreciation.ts');
  return { db, applyDeviceChanges, syncInput, closeMonth, addMonths };
}

const at = (day: string) => `${day}T03:00:00.000Z`;
const sale = (id: string, occurredAt: string, quantity = 1): DeviceChange => ({
  id,
  kind: 'sale',
  occurredAt,
  sale: {
    channel: 'stall',
    payment: 'cash',
    dueDate: null,
    customerName: '',
    customerPhone: null,
    notes: '',
    items: [{ productId: '', quantity }],
  },
});

describe(`changes made offline, applied when the device is back (${dbName})`, () => {
  it('a sale is applied exactly once however often it is sent, and a replay changes nothing', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('sync-once');
    const now = at(await today(shopId));
    const changes = Array.from({ length: 5 }, (_, i) => {
      const c = sale(`0b6f3c1e-aaaa-4bbb-8ccc-00000000000${i}`, now);
      if (c.kind === 'sale') c.sale.items[0]!.productId = productId;
      return c;
    });
    const first = await m.applyDeviceChanges({ shopId, role: 'staff', userId, locale: 'id', changes });
    expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const after = await rowCounts(shopId, { orders: 'orders', entries: 'journal_entries', stock: 'stock_movements' });
    const again = await m.applyDeviceChanges({ shopId, role: 'staff', userId, locale: 'en', changes: [...changes, ...changes] });
    expect(again.results.map((r) => r.outcome)).toEqual(Array(10).fill('replayed'));
    expect(again.results[0]!.message).toMatch(/not recorded twice/);
    expect(await rowCounts(shopId, { orders: 'orders', entries: 'journal_entries', stock: 'stock_movements' })).toEqual(after);
    expect(after.orders).toBe(5);
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('a status change based on an order that changed meanwhile is refused as a conflict, and stays refused on replay', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('sync-conflict');
    const placed = await placeOrder(shopId, productId, 1);
    const version = async () =>
      await m
        .db()
        .selectFrom('orders')
        .select(['updated_at', 'status'])
        .where('shop_id', '=', shopId)
        .where('id', '=', placed.orderId)
        .executeTakeFirstOrThrow();
    const seen = (await version()).updated_at;
    const occurredAt = new Date().toISOString();
    const confirm: DeviceChange = {
      id: 'c0ffee00-1111-4222-8333-000000000001',
      kind: 'orderStatus',
      occurredAt,
      code: placed.code,
      to: 'confirmed',
      baseVersion: seen,
    };
    const ok = await m.applyDeviceChanges({ shopId, role: 'owner', userId, locale: 'id', changes: [confirm] });
    expect(ok.results[0]).toMatchObject({ outcome: 'applied', orderCode: placed.code });
    expect((await version()).status).toBe('confirmed');
    // Sent again (the answer was lost): the same outcome, nothing moves.
    const events = await rowCounts(shopId, { events: 'order_events' });
    expect((await m.applyDeviceChanges({ shopId, role: 'owner', userId, locale: 'id', changes: [confirm] })).results[0]!.outcome).toBe(
      'replayed',
    );
    expect(await rowCounts(shopId, { events: 'order_events' })).toEqual(events);
    // A second device still holds the old version: its "cancel" must not undo what the first one did.
    const stale: DeviceChange = {
      id: 'c0ffee00-1111-4222-8333-000000000002',
      kind: 'orderStatus',
      occurredAt,
      code: placed.code,
      to: 'cancelled',
      baseVersion: seen,
    };
    const refused = await m.applyDeviceChanges({ shopId, role: 'owner', userId, locale: 'en', changes: [stale] });
    expect(refused.results[0]).toMatchObject({ outcome: 'conflict', orderCode: placed.code });
    expect(refused.results[0]!.message).toContain('changed elsewhere');
    expect((await version()).status).toBe('confirmed');
    expect((await m.applyDeviceChanges({ shopId, role: 'owner', userId, locale: 'en', changes: [stale] })).results[0]!.outcome).toBe(
      'conflict',
    );
    // Another person on the shop cannot claim this device's change id.
    const other = await m.applyDeviceChanges({ shopId, role: 'owner', userId: 'someone-else', locale: 'en', changes: [confirm] });
    expect(other.results[0]!.outcome).toBe('refused');
  });

  it('a sale made in a month closed since posts into the open period, marked as belonging to the closed month', async () => {
    const m = await mods();
    const { shopId, productId, userId } = await ledgerShop('sync-closed');
    const day = await today(shopId);
    const last = m.addMonths(day.slice(0, 7), -1);
    await m.closeMonth({ shopId, role: 'owner', userId, month: last });
    const c = sale('5a1e0000-2222-4333-8444-000000000001', at(`${last}-20`), 2);
    if (c.kind === 'sale') c.sale.items[0]!.productId = productId;
    const r = await m.applyDeviceChanges({ shopId, role: 'staff', userId, locale: 'id', changes: [c] });
    expect(r.results[0]!.outcome).toBe('applied');
    const entries = await m
      .db()
      .selectFrom('journal_entries')
      .select(['day', 'belongs_to'])
      .where('shop_id', '=', shopId)
      .where('source_type', '=', 'order')
      .execute();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e).toEqual({ day, belongs_to: last });
    expect(await shopProblems(shopId)).toEqual([]);
  });

  it('an expense is dated the day it was made, or today when that month was closed since; staff may not record one', async () => {
    const m = await mods();
    const { shopId, userId } = await ledgerShop('sync-expense');
    const day = await today(shopId);
    const last = m.addMonths(day.slice(0, 7), -1);
    await m.closeMonth({ shopId, role: 'owner', userId, month: last });
    const expense = (id: string, occurredAt: string): DeviceChange => ({
      id,
      kind: 'expense',
      occurredAt,
      expense: { account: '5202', amount: 15_000, paidWith: 'cash', date: null, memo: 'ongkir', partyName: '' },
    });
    const late = expense('e0000000-3333-4444-8555-000000000001', at(`${last}-10`));
    const r = await m.applyDeviceChanges({ shopId, role: 'owner', userId, locale: 'id', changes: [late, late] });
    expect(r.results.map((x) => x.outcome)).toEqual(['applied', 'replayed']);
    const rows = await m.db().selectFrom('cash_book').select(['day', 'amount']).where('shop_id', '=', shopId).execute();
    expect(rows.map((x) => [x.day, Number(x.amount)])).toEqual([[day, 15_000]]);
    const staff = await m.applyDeviceChanges({
      shopId,
      role: 'staff',
      userId,
      locale: 'en',
      changes: [expense('e0000000-3333-4444-8555-000000000002', at(day))],
    });
    expect(staff.results[0]).toMatchObject({ outcome: 'refused' });
    expect(staff.results[0]!.message).toContain('owner');
  });

  it('the request schema refuses a batch over its cap and an id the device did not make', async () => {
    const m = await mods();
    const c = {
      id: '0b6f3c1e-aaaa-4bbb-8ccc-000000000000',
      kind: 'sale',
      occurredAt: new Date().toISOString(),
      sale: { channel: 'stall', payment: 'cash', items: [{ productId: 'p1', quantity: 1 }] },
    };
    expect(m.syncInput.safeParse({ changes: Array(51).fill(c) }).success).toBe(false);
    expect(m.syncInput.safeParse({ changes: [{ ...c, id: 'x' }] }).success).toBe(false);
    expect(m.syncInput.safeParse({ changes: [c] }).success).toBe(true);
  });
});
