import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { quickSaleInput, recordQuickSale } from './record-quick-sale.ts';

/** A typed number: blank is none; Rupiah may be written with dots or spaces ("25.000"). Anything else stays NaN for the schema to refuse. */
function whole(raw: FormDataEntryValue | null): number | undefined {
  const s = typeof raw === 'string' ? raw.replace(/[.\s]/g, '') : '';
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The quick sale page's form (works without JavaScript): one `qty:<product>:<variant>` field per choice
 * (blank or 0 is not sold), an optional `price:<…>` beside it, then recordQuickSale.
 */
export async function recordQuickSaleFromForm(opts: { shopId: string; role: Role; userId: string; form: FormData; locale: Locale }) {
  const { form } = opts;
  const items: { productId: string; variantId: string | null; quantity: number; unitPrice?: number }[] = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('qty:')) continue;
    const quantity = whole(value);
    if (quantity === undefined || quantity === 0) continue;
    const [, productId = '', variantId = ''] = name.split(':');
    const unitPrice = whole(form.get(`price:${productId}:${variantId}`));
    items.push({ productId, variantId: variantId || null, quantity, ...(unitPrice === undefined ? {} : { unitPrice }) });
  }
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const input = parseInput(
    quickSaleInput,
    {
      channel: text('channel'),
      payment: text('payment'),
      dueDate: text('dueDate'),
      customerName: text('customerName'),
      idempotencyKey: text('idempotencyKey'),
      items,
    },
    opts.locale,
  );
  return recordQuickSale({ shopId: opts.shopId, role: opts.role, userId: opts.userId, input });
}
