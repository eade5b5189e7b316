import type { ShopRole } from '../db/schema.ts';
import { assertCanPublish, publishBrandKit } from './publish-brand-kit.ts';
import { saveBrandKit } from './save-brand-kit.ts';
import type { BrandKitInput } from './schemas.ts';

/**
 * The brand page's kit form: save the draft and, when asked, publish it. A member who may not publish
 * is refused before anything is written (403, as the API answers).
 */
export async function updateBrandKit(opts: {
  shopId: string;
  userId: string;
  role: ShopRole;
  input: BrandKitInput;
  publish: boolean;
  ip?: string;
}): Promise<'kit' | 'published'> {
  if (opts.publish) assertCanPublish(opts.role);
  await saveBrandKit(opts);
  if (!opts.publish) return 'kit';
  await publishBrandKit(opts);
  return 'published';
}
