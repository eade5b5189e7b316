import { handle } from '../../../../../server/http/api.ts';
import { ROUTES } from '../../../../../server/http/routes.ts';
import { json } from '../../../../../server/http/respond.ts';
import { uploadDesignImage } from '../../../../../server/branding/upload-design-image.ts';
import { Invalid } from '../../../../../server/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../../../../server/media/process-image.ts';

export const POST = handle(ROUTES.uploadDesignImage, async ({ ctx, shop }) => {
  if (Number(ctx.request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES + 100_000) throw new Invalid({ file: ['media.tooLarge'] });
  let file: FormDataEntryValue | null = null;
  try { file = (await ctx.request.formData()).get('file'); } catch { file = null; }
  if (!file || typeof file === 'string') throw new Invalid({ file: ['media.empty'] });
  const r = await uploadDesignImage({ shopId: shop!.shop.id, userId: shop!.user.id, data: Buffer.from(await file.arrayBuffer()) });
  return json(r, { status: 201 });
});
