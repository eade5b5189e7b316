import { ACCOUNT_EVENTS } from '../auth/audit.ts';
import { inShop } from '../tenant/index.ts';
import { requireCapability } from '../auth/access.ts';
import type { ShopRole } from '../db/schema.ts';
import type { Locale } from '#i18n/index.ts';
import { auditSentences } from './audit-sentence.ts';

/** The id a detail points at, if it names one. */
function idIn(details: string, key: 'productId' | 'designId'): string | null {
  try {
    const v = (JSON.parse(details) as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The shop's audit events, newest first, each told as sentences in the reader's language. */
export async function listAudit(opts: { shopId: string; role: ShopRole; locale?: Locale; limit?: number }) {
  requireCapability(opts.role, 'audit.view');
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const rows = await tx
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select(['audit_log.id', 'audit_log.action', 'audit_log.details', 'audit_log.ip', 'audit_log.created_at', 'users.name as actor'])
      .where('audit_log.shop_id', '=', shopId)
      .orderBy('audit_log.created_at', 'desc')
      .limit(opts.limit ?? 200)
      .execute();
    const productIds = [...new Set(rows.map((r) => idIn(r.details, 'productId')).filter((x) => x !== null))];
    const designIds = [...new Set(rows.map((r) => idIn(r.details, 'designId')).filter((x) => x !== null))];
    const products = productIds.length
      ? await tx.selectFrom('products').select(['id', 'name']).where('shop_id', '=', shopId).where('id', 'in', productIds).execute()
      : [];
    const designs = designIds.length
      ? await tx.selectFrom('designs').select(['id', 'name']).where('shop_id', '=', shopId).where('id', 'in', designIds).execute()
      : [];
    const productName = new Map(products.map((p) => [p.id, p.name]));
    const designName = new Map(designs.map((d) => [d.id, d.name]));
    return rows.map((r) => {
      const product = productName.get(idIn(r.details, 'productId') ?? '');
      const design = designName.get(idIn(r.details, 'designId') ?? '');
      const names = { ...(product && { product }), ...(design && { design }) };
      return { ...r, dayOnly: ACCOUNT_EVENTS.includes(r.action), sentences: auditSentences({ ...r, names }, opts.locale ?? 'id') };
    });
  });
}
