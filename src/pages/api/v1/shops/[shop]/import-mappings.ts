import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listImportColumnMappings } from '#server/imports/list-import-column-mappings.ts';
import { saveImportColumnMapping } from '#server/imports/save-import-column-mapping.ts';

export const GET = handle(ROUTES.listImportColumnMappings, async ({ shop }) =>
  json(await listImportColumnMappings({ shopId: shop.shop.id, role: shop.role })),
);

export const PUT = handle(ROUTES.saveImportColumnMapping, async ({ body, shop }) =>
  json(await saveImportColumnMapping({ shopId: shop.shop.id, role: shop.role, input: body })),
);
