import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { parseInput } from '#server/http/validate.ts';
import { readOneUpload } from '#server/http/uploads.ts';
import { importUploadInput } from '#server/imports/schemas.ts';
import { localizeImport } from '#server/imports/import-views.ts';
import { previewMarketplaceUpload } from '#server/imports/preview-marketplace-upload.ts';

export const POST = handle(ROUTES.previewMarketplaceImport, async ({ ctx, shop }) => {
  const { file, fields } = await readOneUpload(ctx, { field: 'file', missing: 'imports.fileMissing' });
  const view = await previewMarketplaceUpload({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    input: parseInput(importUploadInput, fields, ctx.locals.locale),
    upload: file,
  });
  return json(localizeImport(view, ctx.locals.locale), { status: 201 });
});
