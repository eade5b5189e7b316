import { Conflict, Invalid, NotFound } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { inShop, type ShopScope } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Locale } from '../../i18n/index.ts';
import { findTemplate } from '../../brand/templates/index.ts';
import { bindFacts } from '../../brand/render.ts';
import { missingFacts } from '../../brand/facts.ts';
import { pageFromPreset, type DesignPage } from '../../brand/kinds.ts';
import { designDoc, type DesignDoc, type DesignObject } from '../../brand/schema.ts';
import { labelFactsIn } from './label-facts.ts';
import { validateDesign } from './validate-design.ts';
import type { z } from 'zod';
import type { createDesignInput, saveDesignInput } from './schemas.ts';

/** Designs of a shop: every Save is a new immutable version; restoring copies an old one forward. */

async function designRow(scope: ShopScope, designId: string) {
  const row = await scope.tx.selectFrom('designs').selectAll()
    .where('shop_id', '=', scope.shopId).where('id', '=', designId).executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

export async function loadDoc(scope: ShopScope, designId: string, version: number): Promise<DesignDoc> {
  const v = await scope.tx.selectFrom('design_versions').select('doc')
    .where('shop_id', '=', scope.shopId).where('design_id', '=', designId).where('version', '=', version).executeTakeFirst();
  if (!v) throw new NotFound();
  return designDoc.parse(JSON.parse(v.doc));
}

async function checkProduct(scope: ShopScope, productId: string | null | undefined) {
  if (!productId) return null;
  const p = await scope.tx.selectFrom('products').select('id').where('shop_id', '=', scope.shopId).where('id', '=', productId).executeTakeFirst();
  if (!p) throw new Invalid({ productId: ['brand.design.productUnknown'] });
  return p.id;
}

/** Logos and posts made from a template get the shop's name and tagline written in once (no live binding). */
function unbind(objects: readonly DesignObject[]): DesignObject[] {
  return objects.map((o0) => {
    const o = { ...(o0 as Record<string, unknown>) };
    if (o.type === 'Group') o.objects = unbind(o.objects as DesignObject[]);
    if (o.factKey === 'shopName' || o.factKey === 'tagline') delete o.factKey;
    return o as DesignObject;
  });
}

export async function createDesign(opts: { shopId: string; userId: string; input: z.output<typeof createDesignInput>; locale: Locale; ip?: string }) {
  const { input } = opts;
  return inShop(opts.shopId, async (scope) => {
    const productId = await checkProduct(scope, input.productId);
    let doc: DesignDoc;
    let templateId: string | null = null;
    if (input.templateId) {
      const tpl = findTemplate(input.templateId);
      if (!tpl || tpl.kind !== input.kind) throw new Invalid({ templateId: ['brand.design.templateUnknown'] });
      templateId = tpl.id;
      doc = structuredClone(tpl.doc);
      if (tpl.kind !== 'label') {
        const facts = await labelFactsIn(scope, null);
        doc.objects = unbind(bindFacts(doc.objects, facts).map((o) => {
          const r = { ...(o as Record<string, unknown>) };
          delete r.qrText;
          return r as DesignObject;
        }));
      }
    } else {
      const page: DesignPage = input.kind === 'label'
        ? pageFromPreset(input.preset ?? 'rect90x55', { widthMm: input.widthMm ?? 100, heightMm: input.heightMm ?? 60, round: input.round })
        : { kind: input.kind };
      doc = { v: 1, page, background: input.kind === 'logo' ? '' : '#ffffff', objects: [] };
    }
    doc = await validateDesign(scope, doc, opts.locale);
    const id = newId();
    const now = nowIso();
    await scope.tx.insertInto('designs').values({
      shop_id: scope.shopId, id, kind: input.kind, name: input.name, product_id: productId, template_id: templateId,
      version: 1, created_by: opts.userId, created_at: now, updated_at: now,
    }).execute();
    await scope.tx.insertInto('design_versions').values({
      shop_id: scope.shopId, design_id: id, version: 1, doc: JSON.stringify(doc), note: templateId ? `template:${templateId}` : '',
      created_by: opts.userId, created_at: now,
    }).execute();
    await recordAudit({ tx: scope.tx, shopId: scope.shopId, userId: opts.userId, action: 'brand.designCreated', ip: opts.ip, details: { designId: id, templateId } });
    return { id, version: 1 };
  });
}

export async function listDesigns(opts: { shopId: string }) {
  return inShop(opts.shopId, ({ tx, shopId }) => tx.selectFrom('designs')
    .select(['id', 'kind', 'name', 'product_id as productId', 'template_id as templateId', 'version', 'updated_at as updatedAt'])
    .where('shop_id', '=', shopId).orderBy('updated_at', 'desc').execute());
}

export async function getDesign(opts: { shopId: string; designId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const doc = await loadDoc(scope, row.id, row.version);
    const facts = await labelFactsIn(scope, row.product_id);
    return {
      design: { id: row.id, kind: row.kind, name: row.name, productId: row.product_id, templateId: row.template_id, version: row.version, updatedAt: row.updated_at },
      doc, facts, missing: row.kind === 'label' ? missingFacts(facts) : [],
    };
  });
}

export async function saveDesign(opts: { shopId: string; userId: string; designId: string; input: z.output<typeof saveDesignInput>; locale: Locale; ip?: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    if (opts.input.baseVersion !== undefined && opts.input.baseVersion !== row.version) throw new Conflict('brand.design.stale');
    const doc = await validateDesign(scope, opts.input.doc, opts.locale);
    if (doc.page.kind !== row.kind) throw new Invalid({ 'doc.page.kind': ['brand.design.kindChanged'] });
    const productId = opts.input.productId === undefined ? row.product_id : await checkProduct(scope, opts.input.productId);
    const version = row.version + 1;
    const now = nowIso();
    await scope.tx.insertInto('design_versions').values({
      shop_id: scope.shopId, design_id: row.id, version, doc: JSON.stringify(doc), note: opts.input.note ?? '', created_by: opts.userId, created_at: now,
    }).execute();
    await scope.tx.updateTable('designs').set({ version, updated_at: now, name: opts.input.name ?? row.name, product_id: productId })
      .where('shop_id', '=', scope.shopId).where('id', '=', row.id).execute();
    return { id: row.id, version };
  });
}

export async function listVersions(opts: { shopId: string; designId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const versions = await scope.tx.selectFrom('design_versions')
      .leftJoin('users', 'users.id', 'design_versions.created_by')
      .select(['design_versions.version', 'design_versions.note', 'design_versions.created_at as createdAt', 'users.name as author'])
      .where('design_versions.shop_id', '=', scope.shopId).where('design_versions.design_id', '=', row.id)
      .orderBy('design_versions.version', 'desc').limit(100).execute();
    return { current: row.version, versions };
  });
}

export async function restoreVersion(opts: { shopId: string; userId: string; designId: string; version: number; ip?: string }) {
  return inShop(opts.shopId, async (scope) => {
    const row = await designRow(scope, opts.designId);
    const doc = await loadDoc(scope, row.id, opts.version);
    const version = row.version + 1;
    const now = nowIso();
    await scope.tx.insertInto('design_versions').values({
      shop_id: scope.shopId, design_id: row.id, version, doc: JSON.stringify(doc), note: `restore:${opts.version}`, created_by: opts.userId, created_at: now,
    }).execute();
    await scope.tx.updateTable('designs').set({ version, updated_at: now }).where('shop_id', '=', scope.shopId).where('id', '=', row.id).execute();
    await recordAudit({ tx: scope.tx, shopId: scope.shopId, userId: opts.userId, action: 'brand.versionRestored', ip: opts.ip, details: { designId: row.id, from: opts.version } });
    return { id: row.id, version, doc };
  });
}
