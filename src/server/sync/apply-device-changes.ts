import { inShop, type ShopScope } from '../tenant/index.ts';
import { AppError, Conflict, Forbidden, NotFound } from '../errors.ts';
import { requireCapability, roleHas, type Role } from '../auth/access.ts';
import { t, type Locale } from '#i18n/index.ts';
import { nowIso } from '../util.ts';
import { recordQuickSale } from '../orders/record-quick-sale.ts';
import { recordExpense } from '../ledger/record-expense.ts';
import { BY_TARGET } from '../orders/change-order-status.ts';
import { normalizeOrderCode } from '../orders/order-code.ts';
import { shopDay } from '../ledger/ledger-day.ts';
import { isClosed } from '../ledger/periods.ts';
import type { DeviceChange } from './schemas.ts';
import type { SyncOutcome, SyncResponse } from './responses.ts';

type Result = SyncResponse['results'][number];

/**
 * Changes a device made while offline, sent when the network came back, applied in the order they were
 * made, each exactly once however often the device sends it. The rules (README, "Offline"):
 * - a sale is always kept: it is recorded through the quick sale with the device's change id as its
 *   idempotency key; it is booked on the day it arrives, and when the day it was made lies in a month
 *   the owner has closed since, its entries are marked as belonging to that month (like late corrections);
 * - an expense is dated the day it was made, or today when that month has been closed;
 * - an order's status change carries the order version it was based on: if the order changed meanwhile
 *   (another device, a customer, a payment) it is refused as a conflict and the order is left alone.
 * A change this user may not make is refused with the reason; the sender's membership is the route's check,
 * so a member removed since is refused whole (403) and never reaches here.
 */
export async function applyDeviceChanges(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  changes: DeviceChange[];
}): Promise<SyncResponse> {
  requireCapability(opts.role, 'orders.manage');
  const results: Result[] = [];
  for (const change of opts.changes) {
    try {
      results.push(await applyOne(opts, change));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push(
        result(change.id, 'refused', t(opts.locale, err.messageKey, err.params), change.kind === 'orderStatus' ? change.code : null),
      );
    }
  }
  return { results };
}

const result = (id: string, outcome: SyncOutcome, message: string, orderCode: string | null): Result => ({
  id,
  outcome,
  message,
  orderCode,
});

async function applyOne(opts: { shopId: string; role: Role; userId: string; locale: Locale }, c: DeviceChange): Promise<Result> {
  const key = `device:${c.id}`;
  if (c.kind === 'sale') {
    const sale = await recordQuickSale({
      shopId: opts.shopId,
      role: opts.role,
      userId: opts.userId,
      input: { ...c.sale, idempotencyKey: key },
    });
    await inShop(opts.shopId, (scope) => markLateSale(scope, sale.orderId, c.occurredAt));
    const outcome = sale.replayed ? 'replayed' : 'applied';
    return result(c.id, outcome, t(opts.locale, `sync.sale.${outcome}`, { code: sale.code }), sale.code);
  }
  if (c.kind === 'expense') {
    if (!roleHas(opts.role, 'reports.profit')) throw new Forbidden('sync.expenseOwnerOnly');
    const day = await inShop(opts.shopId, async (scope) => {
      const [made, today] = [await shopDay(scope, c.occurredAt), await shopDay(scope)];
      return made > today ? today : made;
    });
    const input = { ...c.expense, idempotencyKey: key };
    let r;
    try {
      r = await recordExpense({
        shopId: opts.shopId,
        role: opts.role,
        userId: opts.userId,
        input: { ...input, date: c.expense.date ?? day },
      });
    } catch (err) {
      if (!(err instanceof Conflict) || err.messageKey !== 'ledger.periodClosed') throw err;
      r = await recordExpense({ shopId: opts.shopId, role: opts.role, userId: opts.userId, input: { ...input, date: null } });
    }
    const outcome = r.recorded ? 'applied' : 'replayed';
    return result(c.id, outcome, t(opts.locale, `sync.expense.${outcome}`, { day: r.day }), null);
  }
  const code = normalizeOrderCode(c.code);
  if (!code) throw new NotFound('orders.notFound');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const prior = await tx.selectFrom('device_changes').selectAll().where('shop_id', '=', shopId).where('id', '=', c.id).executeTakeFirst();
    if (prior) {
      if (prior.user_id !== opts.userId) throw new Forbidden('sync.notYours');
      const params = withStatusWords(opts.locale, JSON.parse(prior.params) as Record<string, string>);
      if (prior.outcome === 'conflict') return result(c.id, 'conflict', t(opts.locale, prior.message_key, params), prior.order_code);
      return result(c.id, 'replayed', t(opts.locale, 'sync.status.replayed', params), prior.order_code);
    }
    const order = await tx
      .selectFrom('orders')
      .select(['code', 'status', 'updated_at'])
      .where('shop_id', '=', shopId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!order) throw new NotFound('orders.notFound');
    const record = (outcome: 'applied' | 'conflict', messageKey: string, params: Record<string, string>) =>
      tx
        .insertInto('device_changes')
        .values({
          shop_id: shopId,
          id: c.id,
          user_id: opts.userId,
          kind: c.kind,
          outcome,
          message_key: messageKey,
          params: JSON.stringify(params),
          order_code: order.code,
          occurred_at: c.occurredAt,
          created_at: nowIso(),
        })
        .execute();
    if (order.updated_at !== c.baseVersion) {
      const params = { code: order.code, status: order.status, to: c.to };
      // Kept so a replay answers the same conflict, whatever happens to the order later.
      await record('conflict', 'sync.status.conflict', params);
      return result(c.id, 'conflict', t(opts.locale, 'sync.status.conflict', withStatusWords(opts.locale, params)), order.code);
    }
    await BY_TARGET[c.to](scope, { code: order.code, actor: { kind: 'user', userId: opts.userId }, reason: c.reason });
    const params = { code: order.code, to: c.to };
    await record('applied', 'sync.status.applied', params);
    return result(c.id, 'applied', t(opts.locale, 'sync.status.applied', withStatusWords(opts.locale, params)), order.code);
  });
}

function withStatusWords(locale: Locale, p: Record<string, string>): Record<string, string> {
  const out = { ...p };
  for (const k of ['status', 'to'] as const) if (out[k]) out[k] = t(locale, `orders.status.${out[k]}`);
  return out;
}

/**
 * A sale made on a day whose month has been closed since: it was booked today (the open period); its
 * entries say which month the sale belongs to, as a late correction's do (close-month.ts).
 */
async function markLateSale(scope: ShopScope, orderId: string, occurredAt: string): Promise<void> {
  const month = (await shopDay(scope, occurredAt)).slice(0, 7);
  if (month >= (await shopDay(scope)).slice(0, 7) || !(await isClosed(scope, month))) return;
  await scope.tx
    .updateTable('journal_entries')
    .set({ belongs_to: month })
    .where('shop_id', '=', scope.shopId)
    .where('idem_key', 'in', [`order:${orderId}:paid`, `order:${orderId}:confirmed`, `order:${orderId}:fulfilled`])
    .where('belongs_to', 'is', null)
    .execute();
}
