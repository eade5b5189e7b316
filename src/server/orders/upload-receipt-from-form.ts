import { uploadReceipt } from './upload-receipt.ts';

/** The customer order page's upload form (works without JavaScript): its `receipt` file field, then uploadReceipt. */
export async function uploadReceiptFromForm(opts: { shopId: string; code: string; token: string; form: FormData }) {
  const file = opts.form.get('receipt');
  const data = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  return uploadReceipt({ shopId: opts.shopId, code: opts.code, token: opts.token, data });
}
