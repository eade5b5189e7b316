import { Invalid, LabelNotReady } from '../errors.ts';
import { missingFacts } from '#brand/facts.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { loadDoc } from './design-store.ts';
import { labelFactsIn } from './label-facts.ts';
import { NotFound } from '../errors.ts';
import { queued, renderPng, renderPrintPdf, renderStickerSheet } from './render-node.ts';

export const EXPORT_FORMATS = ['png', 'pdf', 'sheet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const PNG_SIZES = [512, 1024, 1080, 2048] as const;

function fileBase(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 60) || 'desain'
  );
}

/**
 * Render the current version of a design for download: PNG (logos keep transparency), the print PDF
 * (labels: trim + 3 mm bleed, 300 DPI, crop marks) or an A4 sticker sheet. The rows are read in a
 * short transaction; rendering happens after it, one at a time.
 */
export async function exportDesign(opts: {
  shopId: string;
  userId: string;
  designId: string;
  format: string;
  size?: string | null;
  ip?: string;
}) {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
    throw new Invalid({ format: ['brand.export.formatInvalid'] }, 'brand.export.formatInvalid');
  const format = opts.format as ExportFormat;
  const { row, doc, facts } = await inShop(opts.shopId, async (scope) => {
    const row = await scope.tx
      .selectFrom('designs')
      .selectAll()
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', opts.designId)
      .executeTakeFirst();
    if (!row) throw new NotFound();
    const doc = await loadDoc(scope, row.id, row.version);
    const facts = row.kind === 'label' ? await labelFactsIn(scope, row.product_id) : null;
    // A PNG is a preview; what goes to the printer carries every mandatory fact, never a placeholder.
    const missing = format !== 'png' && facts ? missingFacts(facts) : [];
    if (missing.length) throw new LabelNotReady(missing);
    // Small PNGs are the studio's own previews, not downloads worth an audit entry.
    const preview = format === 'png' && Number(opts.size) <= 512;
    if (!preview)
      await recordAudit({
        tx: scope.tx,
        shopId: scope.shopId,
        userId: opts.userId,
        action: 'brand.exported',
        ip: opts.ip,
        details: { designId: row.id, format },
      });
    return { row, doc, facts };
  });
  if (format !== 'png' && row.kind !== 'label') throw new Invalid({ format: ['brand.export.labelOnly'] }, 'brand.export.labelOnly');
  const input = { shopId: opts.shopId, doc, facts, transparent: row.kind === 'logo' };
  const base = `${fileBase(row.name)}-v${row.version}`;
  if (format === 'png') {
    const want = Number(opts.size) || (row.kind === 'social' ? 1080 : 1024);
    const size = PNG_SIZES.includes(want as (typeof PNG_SIZES)[number]) ? want : 1024;
    const bytes = await queued(() => renderPng(input, size));
    return { bytes, type: 'image/png', filename: `${base}-${size}px.png`, count: 1 };
  }
  if (format === 'pdf') {
    const bytes = await queued(() => renderPrintPdf(input, row.name));
    return { bytes, type: 'application/pdf', filename: `${base}-cetak.pdf`, count: 1 };
  }
  const sheet = await queued(() => renderStickerSheet(input, row.name));
  return { bytes: sheet.pdf, type: 'application/pdf', filename: `${base}-lembar-stiker-a4.pdf`, count: sheet.count };
}
