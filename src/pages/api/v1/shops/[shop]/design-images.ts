import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { uploadDesignImage } from '#server/branding/upload-design-image.ts';
import { Invalid } from '#server/errors.ts';
import { readForm } from '#server/http/body.ts';

export const POST = handle(ROUTES.uploadDesignImage, async ({ ctx, shop }) => {
  let file: FormDataEntryValue | null = null;
  try {
    file = (await readForm(ctx)).get('file');
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  if (!file || typeof file === 'string') throw new Invalid({ file: ['media.empty'] });
  const r = await uploadDesignImage({ shopId: shop.shop.id, userId: shop.user.id, data: Buffer.from(await file.arrayBuffer()) });
  return json(r, { status: 201 });
});
