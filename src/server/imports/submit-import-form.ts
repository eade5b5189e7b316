import type { Role } from '../auth/access.ts';
import type { Locale } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { byAction } from '../http/page.ts';
import { IMPORT_FIELDS } from './marketplace-file.ts';
import { columnMappingInput, importUploadInput, productMappingInput } from './schemas.ts';
import { previewMarketplaceUpload } from './preview-marketplace-upload.ts';
import { startMarketplaceImport } from './start-marketplace-import.ts';
import { mapMarketplaceProduct } from './map-marketplace-product.ts';
import { refreshImportPreview } from './refresh-import-preview.ts';
import { saveImportColumnMapping } from './save-import-column-mapping.ts';
import { payoutInput, recordMarketplacePayout } from './record-marketplace-payout.ts';

type ImportFormOutcome = { importId: string | null; notice: 'mapped' | 'mappingSaved' | 'payoutSaved' | 'payoutMatched' | null };

/**
 * The import page's forms, without JavaScript: upload (preview), map an unmatched product (then preview
 * again), commit, save a column mapping, record a payout. Answers where the page goes next (PRG).
 */
export async function submitImportForm(opts: {
  shopId: string;
  role: Role;
  userId: string;
  locale: Locale;
  form: FormData;
}): Promise<ImportFormOutcome> {
  const { form, locale } = opts;
  const field = (k: string) => String(form.get(k) ?? '');
  const base = { shopId: opts.shopId, role: opts.role };
  return byAction<ImportFormOutcome>(opts.form, {
    upload: async () => {
      const input = parseInput(importUploadInput, { marketplace: field('marketplace'), mappingName: field('mappingName') }, locale);
      const f = form.get('file');
      const upload = f instanceof File && f.size > 0 ? { bytes: Buffer.from(await f.arrayBuffer()), name: f.name } : null;
      const v = await previewMarketplaceUpload({ ...base, userId: opts.userId, input, upload });
      return { importId: v.id, notice: null };
    },
    map: async () => {
      const [productId = '', variantId = ''] = field('item').split(':');
      const input = parseInput(
        productMappingInput,
        { marketplace: field('marketplace'), key: field('key'), productId, variantId: variantId || null },
        locale,
      );
      await mapMarketplaceProduct({ ...base, input });
      await refreshImportPreview({ ...base, importId: field('importId') });
      return { importId: field('importId'), notice: 'mapped' };
    },
    commit: async () => {
      const v = await startMarketplaceImport({ ...base, userId: opts.userId, importId: field('importId') });
      return { importId: v.id, notice: null };
    },
    payout: async () => {
      const raw = field('amount').replace(/[.\s]/g, '');
      const input = parseInput(
        payoutInput,
        {
          marketplace: field('marketplace'),
          amount: /^\d{1,13}$/.test(raw) ? Number(raw) : raw,
          date: field('date'),
          paidWith: field('paidWith') || 'bank',
          idempotencyKey: field('idempotencyKey'),
        },
        locale,
      );
      const r = await recordMarketplacePayout({ ...base, userId: opts.userId, input });
      // Part of it was already in an export's released amounts: the page says so instead of a plain "saved".
      return { importId: null, notice: r.matched > 0 ? 'payoutMatched' : 'payoutSaved' };
    },
    columns: async () => {
      const columns = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, field(`col_${f}`).trim() || undefined]));
      await saveImportColumnMapping({ ...base, input: parseInput(columnMappingInput, { name: field('name'), columns }, locale) });
      return { importId: null, notice: 'mappingSaved' };
    },
  });
}
