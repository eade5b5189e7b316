import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { setTaxpayerKind } from '#server/ledger/set-taxpayer-kind.ts';

export const PUT = handle(ROUTES.setTaxpayerKind, async ({ body, shop }) =>
  json(await setTaxpayerKind({ shopId: shop.shop.id, role: shop.role, kind: body.kind })),
);
