import { Invalid } from '../errors.ts';
import type { MerchantProduct } from './get-product.ts';

/**
 * The product form without JavaScript: flat field names (`price`, `variants.2.stock`…), a checkbox for
 * unlimited stock, one row per variant plus blank rows for new ones. These turn it into the API's input
 * shape and back; unit cost fields exist only for roles with products.cost.
 */
export type FormValues = Record<string, unknown>;

const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const amount = (n: number | null | undefined) => (n === null || n === undefined ? '' : grouping.format(n));

export function productToFormValues(p: MerchantProduct, canSeeCost: boolean): FormValues {
  const v: FormValues = {
    name: p.name,
    slug: p.slug,
    description: p.description,
    price: amount(p.price),
    compareAtPrice: amount(p.compareAtPrice),
    unit: p.unit,
    netContent: p.netContent,
    sku: p.sku ?? '',
    category: p.category,
    stock: p.stock === null ? '' : String(p.stock),
    stockUnlimited: p.stock === null ? '1' : '',
    status: p.status,
    sortOrder: String(p.sortOrder),
  };
  if (canSeeCost) v.unitCost = amount(p.unitCost);
  p.variants.forEach((x, i) => {
    const k = `variants.${i}.`;
    Object.assign(v, {
      [`${k}id`]: x.id,
      [`${k}name`]: x.name,
      [`${k}sku`]: x.sku ?? '',
      [`${k}price`]: amount(x.price),
      [`${k}compareAtPrice`]: amount(x.compareAtPrice),
      [`${k}stock`]: x.stock === null ? '' : String(x.stock),
      [`${k}stockUnlimited`]: x.stock === null ? '1' : '',
      ...(canSeeCost && { [`${k}unitCost`]: amount(x.unitCost) }),
    });
  });
  return v;
}

/** Indices of the variant rows present in the form values, in order. */
export function variantRowIndices(values: FormValues): number[] {
  const set = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = /^variants\.(\d{1,2})\./.exec(k);
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

const VARIANT_FIELDS = ['name', 'sku', 'price', 'compareAtPrice', 'unitCost', 'stock'] as const;

/**
 * Form values to the input shape of productInput. `rows[i]` is the form row of input variant i, so
 * errors can be put back on the right row (blank and removed rows are left out of the input).
 */
export function productFormToInput(values: FormValues, canSeeCost: boolean): { input: Record<string, unknown>; rows: number[] } {
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const input: Record<string, unknown> = {
    name: s('name'),
    slug: s('slug'),
    description: s('description'),
    price: s('price'),
    compareAtPrice: s('compareAtPrice'),
    unit: s('unit') || 'pcs',
    netContent: s('netContent'),
    sku: s('sku'),
    category: s('category'),
    stock: s('stockUnlimited') ? null : s('stock'),
    status: s('status') || 'draft',
  };
  if (s('sortOrder').trim() !== '') input.sortOrder = s('sortOrder');
  if (canSeeCost) input.unitCost = s('unitCost');
  const variants: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (const i of variantRowIndices(values)) {
    const k = (f: string) => s(`variants.${i}.${f}`);
    if (k('remove')) continue;
    const blank = VARIANT_FIELDS.every((f) => k(f).trim() === '');
    if (blank && !k('id')) continue;
    variants.push({
      ...(k('id') && { id: k('id') }),
      name: k('name'),
      sku: k('sku'),
      price: k('price'),
      compareAtPrice: k('compareAtPrice'),
      stock: k('stockUnlimited') ? null : k('stock'),
      ...(canSeeCost && { unitCost: k('unitCost') }),
    });
    rows.push(i);
  }
  input.variants = variants;
  return { input, rows };
}

/** Re-key `variants.{i}.…` errors from input positions to form rows. */
export function onFormRows(err: unknown, rows: number[]): unknown {
  if (!(err instanceof Invalid)) return err;
  const fields: Record<string, string[]> = {};
  for (const [key, msgs] of Object.entries(err.fields)) {
    const m = /^variants\.(\d+)(\..*)?$/.exec(key);
    const k = m && rows[Number(m[1])] !== undefined ? `variants.${rows[Number(m[1])]}${m[2] ?? ''}` : key;
    (fields[k] ??= []).push(...msgs);
  }
  return new Invalid(fields, err.messageKey);
}
