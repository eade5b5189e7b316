import { getDesign } from './get-design.ts';
import { listDesigns } from './list-designs.ts';
import { getBrandKit } from './get-brand-kit.ts';
import { listLabelFacts } from './list-label-facts.ts';

const FALLBACK_PALETTE = ['#7a2e0e', '#f08a24', '#1f5e3b', '#fbf3e4', '#1d1d1f'];

/**
 * What the brand page shows: the designs, the kit, the label facts per product and, when a design is
 * open (`designId`), the studio's design (NotFound for an unknown or foreign one).
 */
export async function getBrandPage(opts: { shopId: string; designId: string | null }) {
  const { shopId } = opts;
  const studio = opts.designId ? await getDesign({ shopId, designId: opts.designId }) : null;
  const designs = await listDesigns({ shopId });
  const kit = await getBrandKit({ shopId });
  const facts = await listLabelFacts({ shopId });
  return {
    studio,
    designs,
    kit,
    palette: kit.draft.colors.length ? kit.draft.colors : FALLBACK_PALETTE,
    products: facts.products.map((p) => ({ id: p.productId, name: p.name })),
    certifications: facts.certifications,
    factsByProduct: Object.fromEntries(facts.products.map((p) => [p.productId, p.facts])),
  };
}

export type BrandPage = Awaited<ReturnType<typeof getBrandPage>>;
