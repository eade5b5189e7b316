import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { nowIso } from '../util.ts';
import { prepareMedia } from '../media/save-media.ts';
import { recordOrderEvent } from './transition-order.ts';
import { findOrderByToken } from './get-customer-order.ts';
import { mayUploadReceipt, RECEIPT_STATUSES } from './may-upload-receipt.ts';

/**
 * The customer's proof of transfer (bukti transfer): a private image (never served publicly; the shop sees
 * it through an authenticated dashboard route), linked to the order, with a `receipt_uploaded` event.
 * Only for a transfer order that awaits payment (mayUploadReceipt). A new upload replaces the previous one.
 */
export async function uploadReceipt(opts: { shopId: string; code: string; token: string; data: Buffer }) {
  const { id } = await inShop(opts.shopId, async (scope) => {
    const o = await findOrderByToken(scope, opts.code, opts.token);
    const row = await scope.tx
      .selectFrom('orders')
      .select(['status', 'payment_method'])
      .where('shop_id', '=', scope.shopId)
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    if (!mayUploadReceipt({ payment: row.payment_method, status: row.status }))
      throw new Invalid({ receipt: ['status.receiptNotAllowed'] }, 'status.receiptNotAllowed');
    return o;
  });
  if (!opts.data.byteLength) throw new Invalid({ receipt: ['status.receiptMissing'] }, 'status.receiptMissing');
  // Processed outside the transaction: sharp takes a while and SQLite has one connection.
  const media = await prepareMedia(opts.shopId, { data: opts.data, purpose: 'receipt', visibility: 'private', userId: null }).catch(
    (err: unknown) => {
      if (err instanceof Invalid)
        throw new Invalid({ receipt: err.fields.file ?? ['media.notImage'] }, err.fields.file?.[0] ?? 'media.notImage');
      throw err;
    },
  );
  await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    await tx.insertInto('media').values(media).execute();
    const res = await tx
      .updateTable('orders')
      .set({ receipt_media_id: media.id, updated_at: nowIso() })
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .where('status', 'in', [...RECEIPT_STATUSES])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new Invalid({ receipt: ['status.receiptNotAllowed'] }, 'status.receiptNotAllowed');
    await recordOrderEvent(scope, { orderId: id, type: 'receipt_uploaded', actor: { kind: 'customer' }, details: { mediaId: media.id } });
  });
  return { mediaId: media.id };
}
