import { sql } from 'kysely';
import { inShop } from '../tenant/index.ts';
import { roleHas, type Role } from '../auth/access.ts';
import { requireCapability } from './require-capability.ts';
import { shopDay } from './ledger-day.ts';
import { salesBetween } from './sales-read.ts';
import { signed, totalsBetween } from './period-totals.ts';
import { ACCOUNTS } from './chart-template.ts';
import { growth, lastDayOfMonth, type Period } from './report-period.ts';
import { LOW_STOCK } from '../catalog/published-products.ts';

export interface ChannelSales {
  channel: string;
  net: number;
  previous: number;
}
export interface BusinessSummary {
  today: string;
  month: Period;
  previousMonth: Period;
  /** Net sales (goods delivered less returns), this month so far against the whole of last month. */
  sales: { net: number; orders: number; previous: number; growth: number | null; byChannel: ChannelSales[] };
  /** Kas + Bank; only for a role that sees the books (reports.profit). */
  cash?: { cash: number; bank: number; total: number };
  /** Open receivables; like cash, only for the owner. */
  receivables?: { outstanding: number; overdue: number; overdueCount: number };
  lowStock: { productId: string; name: string; stock: number }[];
}

const LOW_STOCK_ROWS = 10;

/**
 * The shop dashboard's "how is my business doing": sales by channel this month against last month from the
 * maintained sales totals, Kas + Bank from the maintained account totals (owner only), open receivables and
 * what stock runs low. Staff see sales, never money balances (cash, receivables).
 */
export async function getBusinessSummary(opts: { shopId: string; role: Role }): Promise<BusinessSummary> {
  requireCapability(opts.role, 'orders.manage');
  const seeBooks = roleHas(opts.role, 'reports.profit');
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const today = await shopDay(scope);
    const month = { from: `${today.slice(0, 7)}-01`, to: today };
    const lastEnd = lastDayOfMonth(new Date(Date.parse(`${month.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7));
    const previousMonth = { from: `${lastEnd.slice(0, 7)}-01`, to: lastEnd };
    const cur = await salesBetween(scope, month, 'channel');
    const prev = await salesBetween(scope, previousMonth, 'channel');
    const channels = [...new Set([...cur, ...prev].map((r) => r.channel))].sort();
    const netOf = (rows: typeof cur, ch?: string) =>
      rows.filter((r) => !ch || r.channel === ch).reduce((s, r) => s + r.gross - r.returns, 0);
    const net = netOf(cur);
    const previous = netOf(prev);
    const sales = {
      net,
      orders: cur.reduce((s, r) => s + r.orders, 0),
      previous,
      growth: growth(net, previous),
      byChannel: channels.map((channel) => ({ channel, net: netOf(cur, channel), previous: netOf(prev, channel) })),
    };
    const debts = !seeBooks
      ? null
      : await tx
          .selectFrom('ledger_debts')
          .select([
            sql<number>`coalesce(sum(amount - settled - reduced), 0)`.as('outstanding'),
            sql<number>`coalesce(sum(case when due_date < ${today} then amount - settled - reduced else 0 end), 0)`.as('overdue'),
            sql<number>`coalesce(sum(case when due_date < ${today} then 1 else 0 end), 0)`.as('overdue_count'),
          ])
          .where('shop_id', '=', shopId)
          .where('kind', '=', 'receivable')
          .where(sql<boolean>`amount - settled - reduced > 0`)
          .executeTakeFirst();
    const low = await tx
      .selectFrom('products')
      .leftJoin('product_variants', (j) =>
        j.onRef('product_variants.shop_id', '=', 'products.shop_id').onRef('product_variants.product_id', '=', 'products.id'),
      )
      .select([
        'products.id',
        'products.name',
        'product_variants.name as variant',
        'products.stock',
        'product_variants.stock as variant_stock',
      ])
      .where('products.shop_id', '=', shopId)
      .where('products.status', '=', 'published')
      .where((eb) =>
        eb.or([
          eb.and([eb('product_variants.id', 'is', null), eb('products.stock', '<=', LOW_STOCK)]),
          eb('product_variants.stock', '<=', LOW_STOCK),
        ]),
      )
      .orderBy(sql`coalesce(product_variants.stock, products.stock)`)
      .limit(LOW_STOCK_ROWS)
      .execute();
    const out: BusinessSummary = {
      today,
      month,
      previousMonth,
      sales,
      lowStock: low.map((r) => ({
        productId: r.id,
        name: r.variant ? `${r.name} — ${r.variant}` : r.name,
        stock: Number(r.variant_stock ?? r.stock ?? 0),
      })),
    };
    if (seeBooks) {
      const totals = await totalsBetween(scope, null, today);
      const cash = signed(totals.get(ACCOUNTS.cash));
      const bank = signed(totals.get(ACCOUNTS.bank));
      out.cash = { cash, bank, total: cash + bank };
      out.receivables = {
        outstanding: Number(debts?.outstanding ?? 0),
        overdue: Number(debts?.overdue ?? 0),
        overdueCount: Number(debts?.overdue_count ?? 0),
      };
    }
    return out;
  });
}
