import { Invalid } from '../errors.ts';
import type { ShopScope } from '../tenant/index.ts';
import { fieldErrors } from '../http/validate.ts';
import { looksLikeMarkup } from './markup.ts';
import type { Locale } from '#i18n/index.ts';
import { LABEL_PRESETS } from '#brand/kinds.ts';
import { checkCaps, designDoc, imageSources, srcForm, type DesignDoc, type DesignObject } from '#brand/schema.ts';

function walkTexts(objects: readonly DesignObject[], fn: (s: string, path: string) => void, prefix = 'doc.objects') {
  objects.forEach((o, i) => {
    const r = o as Record<string, unknown>;
    if (typeof r.text === 'string') fn(r.text, `${prefix}.${i}.text`);
    if (typeof r.name === 'string') fn(r.name, `${prefix}.${i}.name`);
    if (o.type === 'Group') walkTexts((o as { objects: DesignObject[] }).objects, fn, `${prefix}.${i}.objects`);
  });
}

/**
 * Check a design before it is stored: caps (size, object count, depth), the allowlist schema,
 * no markup in texts, and every image source is this shop's own public stored image or a bundled
 * asset (anything else: remote URLs, file:, data:, other shops' media is refused; nothing is fetched).
 */
export async function validateDesign(scope: ShopScope, raw: unknown, locale: Locale): Promise<DesignDoc> {
  const cap = checkCaps(raw);
  if (cap) throw new Invalid({ [cap.field]: [cap.key] }, cap.key);
  const parsed = designDoc.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrors(parsed.error, locale)).map(([k, v]) => [`doc.${k}`, v]));
    const unknownKey = parsed.error.issues.some((i) => i.code === 'unrecognized_keys');
    throw new Invalid(fields, unknownKey ? 'brand.design.unknownProperty' : 'brand.design.rejected');
  }
  const doc = parsed.data;
  const markup: Record<string, string[]> = {};
  walkTexts(doc.objects, (s, path) => {
    if (looksLikeMarkup(s)) markup[path] = ['brand.design.markupInText'];
  });
  if (Object.keys(markup).length) throw new Invalid(markup, 'brand.design.markupInText');

  const bad: string[] = [];
  const mediaIds = new Set<string>();
  for (const src of imageSources(doc.objects)) {
    const form = srcForm(src);
    if (!form || (form.kind === 'media' && form.shopId !== scope.shopId)) bad.push(src);
    else if (form.kind === 'media') mediaIds.add(form.mediaId);
  }
  if (mediaIds.size) {
    const rows = await scope.tx
      .selectFrom('media')
      .select(['id', 'visibility'])
      .where('shop_id', '=', scope.shopId)
      .where('id', 'in', [...mediaIds])
      .execute();
    const ok = new Set(rows.filter((r) => r.visibility === 'public').map((r) => r.id));
    for (const id of mediaIds) if (!ok.has(id)) bad.push(id);
  }
  if (bad.length) throw new Invalid({ 'doc.objects': ['brand.design.imageSrc'] }, 'brand.design.imageSrc');

  // The page: preset labels take the preset's size; logos and posts have no millimetres.
  const page = doc.page;
  if (page.kind === 'label') {
    const preset = page.preset ?? 'custom';
    if (preset !== 'custom') Object.assign(page, LABEL_PRESETS[preset], { preset });
    else if (!page.widthMm || !page.heightMm) throw new Invalid({ 'doc.page': ['brand.design.sizeRequired'] }, 'brand.design.sizeRequired');
  } else {
    delete page.preset;
    delete page.widthMm;
    delete page.heightMm;
    delete page.round;
  }
  return doc;
}
