import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDateTime, formatRupiah, t, type Locale } from '#i18n/index.ts';

export interface ReceiptData {
  locale: Locale;
  timezone: string;
  shopName: string;
  shopAddress: string;
  shopPhone: string;
  logo: Buffer | null;
  code: string;
  createdAt: string;
  status: string;
  customerName: string;
  delivery: string;
  payment: string;
  lines: { name: string; quantity: number; unitPrice: number; lineTotal: number }[];
  subtotal: number;
  deliveryFee: number;
  discount: number;
  total: number;
}

const require = createRequire(import.meta.url);
const poppins = (file: string) => path.join(path.dirname(require.resolve('@expo-google-fonts/poppins/package.json')), file);
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const clean = (v: string) => v.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();

/**
 * A receipt (nota) on a narrow page a phone shows whole and a 80 mm printer takes: logo, shop, code,
 * lines, fee, discount, total. Text is drawn as text in an embedded font, so any name shows and nothing
 * in it is interpreted.
 */
export function receiptPdf(d: ReceiptData): Promise<Buffer> {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, key, params);
  const width = 227; // 80 mm
  const margin = 14;
  const inner = width - 2 * margin;
  const pdf = new PDFDocument({
    size: [width, 420 + d.lines.length * 30],
    margin,
    info: { Title: tr('desk.receipt.title', { code: d.code }) },
  });
  pdf.registerFont('body', poppins('400Regular/Poppins_400Regular.ttf'));
  pdf.registerFont('bold', poppins('700Bold/Poppins_700Bold.ttf'));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  if (d.logo) {
    try {
      pdf.image(d.logo, (width - 56) / 2, margin, { fit: [56, 56] });
      pdf.y = margin + 62;
    } catch {
      // A logo pdfkit cannot read is left out; the receipt itself matters more.
    }
  }
  pdf.font('bold').fontSize(12).text(clean(d.shopName), margin, pdf.y, { width: inner, align: 'center' });
  pdf.font('body').fontSize(7.5);
  if (clean(d.shopAddress)) pdf.text(clean(d.shopAddress), { width: inner, align: 'center' });
  if (d.shopPhone) pdf.text(d.shopPhone, { width: inner, align: 'center' });
  pdf.moveDown(0.6);
  pdf
    .font('bold')
    .fontSize(10)
    .text(tr('desk.receipt.title', { code: d.code }), { width: inner, align: 'center' });
  pdf
    .font('body')
    .fontSize(7.5)
    .text(formatDateTime(d.createdAt, d.locale, d.timezone), { width: inner, align: 'center' });
  pdf.moveDown(0.5);
  pdf.text(`${tr('desk.receipt.customer')}: ${clean(d.customerName)}`, { width: inner });
  pdf.text(`${tr('desk.receipt.delivery')}: ${d.delivery}`, { width: inner });
  pdf.text(`${tr('desk.receipt.payment')}: ${d.payment} · ${d.status}`, { width: inner });
  const rule = () => {
    pdf.moveDown(0.3);
    pdf
      .moveTo(margin, pdf.y)
      .lineTo(width - margin, pdf.y)
      .lineWidth(0.5)
      .stroke();
    pdf.moveDown(0.3);
  };
  const row = (label: string, amount: string, bold = false) => {
    pdf.font(bold ? 'bold' : 'body').fontSize(bold ? 9.5 : 8);
    const y = pdf.y;
    pdf.text(label, margin, y, { width: inner - 70 });
    const after = pdf.y;
    pdf.text(amount, width - margin - 70, y, { width: 70, align: 'right' });
    pdf.x = margin;
    pdf.y = Math.max(after, pdf.y);
  };
  rule();
  for (const l of d.lines) {
    pdf.font('body').fontSize(8).text(clean(l.name), margin, pdf.y, { width: inner });
    row(`  ${l.quantity} × ${formatRupiah(l.unitPrice)}`, formatRupiah(l.lineTotal));
  }
  rule();
  row(tr('cart.subtotal'), formatRupiah(d.subtotal));
  if (d.deliveryFee > 0) row(tr('checkout.deliveryFee'), formatRupiah(d.deliveryFee));
  if (d.discount > 0) row(tr('desk.discount'), `-${formatRupiah(d.discount)}`);
  row(tr('checkout.total'), formatRupiah(d.total), true);
  rule();
  pdf.font('body').fontSize(7.5).text(tr('desk.receipt.thanks'), { width: inner, align: 'center' });
  pdf.end();
  return done;
}
