import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { typedWhole } from './cash-book.ts';
import { byAction } from '../http/page.ts';
import { stockCountInput, stockInInput } from './schemas.ts';
import { recordStockIn } from './record-stock-in.ts';
import { countStock } from './count-stock.ts';

/**
 * The stock page's forms: a stock-in (goods bought, paid or on credit to a named supplier, or a production batch with its
 * material and packaging cost; the owner's, as it carries costs) and a stock count (anyone who edits
 * products; staff get no value back). `item` is "productId" or "productId:variantId".
 */
export async function submitStockForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  form: FormData;
  fields: Record<string, unknown>;
}): Promise<{ difference?: number; value?: number }> {
  const f = opts.fields;
  const [productId, variantId] = String(f.item ?? '').split(':');
  const item = { productId: productId ?? '', variantId: variantId || null };
  const base = { shopId: opts.shopId, role: opts.role, userId: opts.userId };
  return byAction(opts.form, {
    stock_in: async () => {
      const source =
        f.kind === 'production'
          ? {
              kind: 'production',
              materials: typedWhole(f.materials),
              packaging: typedWhole(f.packaging),
              otherCash: typedWhole(f.otherCash),
            }
          : {
              kind: f.kind,
              cost: typedWhole(f.cost),
              paidWith: f.paidWith,
              supplierName: f.supplierName,
              supplierPhone: String(f.supplierPhone ?? '').trim() || null,
              dueDate: f.dueDate,
            };
      const input = parseInput(
        stockInInput,
        { ...item, quantity: typedWhole(f.quantity, ''), source, idempotencyKey: f.idempotencyKey },
        opts.locale,
      );
      await recordStockIn({ ...base, item, quantity: input.quantity, source: input.source, key: input.idempotencyKey });
      return {};
    },
    count: async () => {
      const input = parseInput(
        stockCountInput,
        { ...item, counted: typedWhole(f.counted, ''), idempotencyKey: f.idempotencyKey },
        opts.locale,
      );
      return countStock({ ...base, item, counted: input.counted, key: input.idempotencyKey });
    },
  });
}
