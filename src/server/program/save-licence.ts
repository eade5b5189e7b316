import type { z } from 'zod';
import { NotFound } from '../errors.ts';
import { inShop } from '../tenant/index.ts';
import { newId, nowIso } from '../util.ts';
import type { licenceInput } from './registry-schemas.ts';
import { requireProgramShop } from './program-shop.ts';

/** Adds a licence (no licenceId) or replaces one of the shop's. */
export async function saveLicence(opts: {
  userId: string;
  programId: string;
  shopId: string;
  licenceId?: string;
  input: z.output<typeof licenceInput>;
}) {
  await requireProgramShop(opts);
  const values = {
    kind: opts.input.kind,
    number: opts.input.number,
    issued_on: opts.input.issuedOn,
    expires_on: opts.input.expiresOn,
    updated_by: opts.userId,
    updated_at: nowIso(),
  };
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    if (!opts.licenceId) {
      const id = newId();
      await tx
        .insertInto('shop_licences')
        .values({ shop_id: shopId, id, ...values })
        .execute();
      return { id };
    }
    const r = await tx
      .updateTable('shop_licences')
      .set(values)
      .where('shop_id', '=', shopId)
      .where('id', '=', opts.licenceId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new NotFound('registry.licenceNotFound');
    return { id: opts.licenceId };
  });
}
