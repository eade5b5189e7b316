import { allKeys, formatRupiah, t, type Locale } from '#i18n/index.ts';

export interface AuditEventView {
  action: string;
  /** Stored JSON of the event's details. */
  details: string;
  actor: string | null;
  /** Names of the products and designs the details point at by id (listAudit resolves them). */
  names?: { product?: string; design?: string };
}

const known: Record<Locale, Set<string>> = { id: new Set(allKeys('id')), en: new Set(allKeys('en')) };

/** Field names in the details that have a label; internal ones (sort order, media ids) are left out. */
function fieldList(locale: Locale, fields: unknown): string {
  if (!Array.isArray(fields)) return '';
  const labels = fields.map((f) => `audit.field.${String(f)}`).filter((k) => known[locale].has(k));
  return [...new Set(labels.map((k) => t(locale, k)))].join(', ');
}

/**
 * One audit event as sentences in the reader's language ("Rina mengubah harga Telur Asin isi 10 dari
 * Rp 35.000 menjadi Rp 37.000"): never a message key, an internal id or a raw field name. An action
 * without a sentence of its own says who did it and the action's name, or that a change was made.
 */
export function auditSentences(e: AuditEventView, locale: Locale): string[] {
  let d: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(e.details);
    if (parsed && typeof parsed === 'object') d = parsed as Record<string, unknown>;
  } catch {
    // An unreadable detail still leaves the action's sentence.
  }
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const params: Record<string, string | number> = {
    who: e.actor ?? t(locale, 'audit.system'),
    product: e.names?.product ?? str(d.product),
    design: e.names?.design ?? t(locale, 'audit.aDesign'),
    name: str(d.name),
    fields: fieldList(locale, d.fields),
    photos: str(d.photos),
    version: str(d.version),
    from: str(d.from),
    format: str(d.format).toUpperCase(),
    marketplace: str(d.marketplace),
    rows: str(d.rows),
    created: str(d.created),
    updated: str(d.updated),
    role: known[locale].has(`dashboard.role.${str(d.role)}`) ? t(locale, `dashboard.role.${str(d.role)}`) : '',
  };
  const say = (key: string, extra: Record<string, string | number> = {}) => t(locale, key, { ...params, ...extra });

  if (e.action === 'product.updated') {
    const out: string[] = [];
    const price = d.price as { from?: unknown; to?: unknown } | undefined;
    if (price && typeof price.from === 'number' && typeof price.to === 'number')
      out.push(say('audit.say.product.price', { from: formatRupiah(price.from), to: formatRupiah(price.to) }));
    if (d.status === 'published' || d.status === 'draft') out.push(say(`audit.say.product.status.${d.status}`));
    const shown = new Set(['price', 'status']);
    const rest = fieldList(locale, Array.isArray(d.fields) ? d.fields.filter((f) => !(out.length && shown.has(String(f)))) : []);
    if (rest || !out.length) out.push(rest ? say('audit.say.product.updated', { fields: rest }) : say('audit.say.product.changed'));
    return out;
  }
  const key = `audit.say.${e.action}`;
  if ((e.action === 'shop.updated' || e.action === 'payments.updated') && !params.fields) return [say(`${key}.plain`)];
  if (known[locale].has(key)) return [say(key)];
  const actionKey = `audit.action.${e.action}`;
  return [known[locale].has(actionKey) ? say('audit.say.other', { what: t(locale, actionKey) }) : say('audit.say.unknown')];
}
