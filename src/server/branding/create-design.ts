import { Invalid } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { inShop } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Locale } from '#i18n/index.ts';
import { findTemplate } from '#brand/templates/index.ts';
import { bindFacts } from '#brand/render.ts';
import { pageFromPreset, type DesignPage } from '#brand/kinds.ts';
import type { DesignDoc, DesignObject } from '#brand/schema.ts';
import { labelFactsIn } from './label-facts.ts';
import { checkProduct } from './design-store.ts';
import { validateDesign } from './validate-design.ts';
import type { z } from 'zod';
import type { createDesignInput } from './schemas.ts';

/** Logos and posts made from a template get the shop's name and tagline written in once (no live binding). */
function unbind(objects: readonly DesignObject[]): DesignObject[] {
  return objects.map((o0) => {
    const o = { ...(o0 as Record<string, unknown>) };
    if (o.type === 'Group') o.objects = unbind(o.objects as DesignObject[]);
    if (o.factKey === 'shopName' || o.factKey === 'tagline') delete o.factKey;
    // What the renderer adds for display (the QR's URL, a stashed colour, the frame width) is not design data.
    for (const k of Object.keys(o)) if (k === 'qrText' || k.startsWith('__')) delete o[k];
    return o as DesignObject;
  });
}

export async function createDesign(opts: {
  shopId: string;
  userId: string;
  input: z.output<typeof createDesignInput>;
  locale: Locale;
  ip?: string;
}) {
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
        doc.objects = unbind(bindFacts(doc.objects, facts));
      }
    } else {
      const page: DesignPage =
        input.kind === 'label'
          ? pageFromPreset(input.preset ?? 'rect90x55', {
              widthMm: input.widthMm ?? 100,
              heightMm: input.heightMm ?? 60,
              round: input.round,
            })
          : { kind: input.kind };
      doc = { v: 1, page, background: input.kind === 'logo' ? '' : '#ffffff', objects: [] };
    }
    doc = await validateDesign(scope, doc, opts.locale);
    const id = newId();
    const now = nowIso();
    await scope.tx
      .insertInto('designs')
      .values({
        shop_id: scope.shopId,
        id,
        kind: input.kind,
        name: input.name,
        product_id: productId,
        template_id: templateId,
        version: 1,
        created_by: opts.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await scope.tx
      .insertInto('design_versions')
      .values({
        shop_id: scope.shopId,
        design_id: id,
        version: 1,
        doc: JSON.stringify(doc),
        note: templateId ? `template:${templateId}` : '',
        created_by: opts.userId,
        created_at: now,
      })
      .execute();
    await recordAudit({
      tx: scope.tx,
      shopId: scope.shopId,
      userId: opts.userId,
      action: 'brand.designCreated',
      ip: opts.ip,
      details: { designId: id, templateId },
    });
    return { id, version: 1 };
  });
}
