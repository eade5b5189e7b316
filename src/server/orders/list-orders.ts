import { z } from 'zod';
import { sql, type ExpressionBuilder } from 'kysely';
import { inShop } from '../tenant/index.ts';
import type { Database, OrderChannel, OrderStatus } from '../db/schema.ts';
import { shopTimeZone } from '../ledger/ledger-day.ts';
import { Invalid } from '../errors.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'paid', 'fulfilled', 'cancelled', 'expired'];
export const ORDER_CHANNELS: readonly OrderChannel[] = ['whatsapp', 'web', 'marketplace', 'stall', 'reseller'];
/** Paid: the order went through "paid" (money in before or at delivery). Unpaid: it did not (yet), credit sales included. */
export const PAYMENT_STATES = ['paid', 'unpaid'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .trim()
  .regex(DAY, { error: 'ledger.dateInvalid' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'ledger.dateInvalid' });
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The inbox filters, shared by the API query and the dashboard's GET form (empty fields mean "any"). */
export const listOrdersInput = z
  .object({
    status: z.preprocess(
      blankToUndefined,
      z.enum(ORDER_STATUSES as [OrderStatus, ...OrderStatus[]], { error: 'validation.choice' }).optional(),
    ),
    channel: z.preprocess(
      blankToUndefined,
      z.enum(ORDER_CHANNELS as [OrderChannel, ...OrderChannel[]], { error: 'validation.choice' }).optional(),
    ),
    payment: z.preprocess(blankToUndefined, z.enum(PAYMENT_STATES, { error: 'validation.choice' }).optional()),
    from: z.preprocess(blankToUndefined, day.optional()).describe('YYYY-MM-DD, first day (the program time zone)'),
    to: z.preprocess(blankToUndefined, day.optional()).describe('YYYY-MM-DD, last day (the program time zone)'),
    q: z.preprocess(blankToUndefined, z.string().trim().max(80).optional()).describe('Order code or part of the customer name or phone'),
    before: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'validation.invalid' })
        .optional(),
    ),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { path: ['from'], error: 'ledger.periodInvalid' });
export type ListOrdersInput = z.output<typeof listOrdersInput>;

/** Offset of a time zone at an instant, in ms (Indonesia keeps no daylight saving, so one lookup per day is exact). */
function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}
/** The UTC instant a local day starts at. */
function dayStart(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  return new Date(guess - zoneOffsetMs(timeZone, guess)).toISOString();
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** LIKE pattern of a literal text (the search box may contain % or _). */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The shop's orders, newest first, filtered like the inbox; `before` (an ISO time) pages back. */
export async function listOrders(opts: { shopId: string; filters?: Partial<ListOrdersInput>; limit?: number }) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const f = opts.filters ?? {};
  if (f.from && f.to && f.from > f.to) throw new Invalid({ from: ['ledger.periodInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    let q = tx
      .selectFrom('orders')
      .select([
        'code',
        'customer_name',
        'customer_phone',
        'total',
        'status',
        'channel',
        'payment_method',
        'delivery_method',
        'destination_code',
        'created_at',
        'expires_at',
      ])
      .where('shop_id', '=', shopId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.payment) {
      const paid = (eb: ExpressionBuilder<Database, 'orders'>) =>
        eb.exists(
          eb
            .selectFrom('order_events as e')
            .select('e.id')
            .whereRef('e.shop_id', '=', 'orders.shop_id')
            .whereRef('e.order_id', '=', 'orders.id')
            .where('e.to_status', '=', 'paid'),
        );
      q = f.payment === 'paid' ? q.where((eb) => paid(eb)) : q.where((eb) => eb.not(paid(eb)));
    }
    if (f.from || f.to) {
      const tz = await shopTimeZone(scope);
      if (f.from) q = q.where('created_at', '>=', dayStart(f.from, tz));
      if (f.to) q = q.where('created_at', '<', dayStart(nextDay(f.to), tz));
    }
    const text = f.q;
    if (text) {
      const name = likeText(text.toLowerCase());
      const code = likeText(text.toUpperCase());
      // SQLite's LIKE has no escape character unless named; PostgreSQL accepts the same clause.
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`code like ${code} escape '\\'`,
          sql<boolean>`lower(customer_name) like ${name} escape '\\'`,
          sql<boolean>`customer_phone like ${likeText(text)} escape '\\'`,
        ]),
      );
    }
    if (f.before) q = q.where('created_at', '<', f.before);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('code', 'desc')
      .limit(limit + 1)
      .execute();
    return {
      orders: rows.slice(0, limit).map((r) => ({ ...r, total: Number(r.total) })),
      nextBefore: rows.length > limit ? rows[limit - 1]!.created_at : null,
    };
  });
}
