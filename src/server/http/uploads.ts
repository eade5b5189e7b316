import { Invalid } from '../errors.ts';

/**
 * Read a multipart/form-data request: the non-empty files of one field, and the text fields. Refuses
 * (400, nothing read) a request that is not multipart or that announces more bytes than maxBytes.
 * A file input left empty arrives as a nameless zero-byte part; it is skipped.
 */
export async function readUploads(request: Request, opts: { field: string; maxBytes: number }): Promise<{ files: Buffer[]; fields: Record<string, string> }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) throw new Invalid({ [opts.field]: ['catalog.photoMissing'] }, 'catalog.photoMissing');
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > opts.maxBytes) throw new Invalid({ [opts.field]: ['catalog.uploadTooLarge'] }, 'catalog.uploadTooLarge');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Invalid({ [opts.field]: ['catalog.photoMissing'] }, 'catalog.photoMissing');
  }
  return splitForm(form, opts.field);
}

/** Files of one field (non-empty) and the string fields of an already-read form. */
export async function splitForm(form: FormData, field: string): Promise<{ files: Buffer[]; fields: Record<string, string> }> {
  const files: Buffer[] = [];
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === 'string') fields[k] = v;
    else if (k === field && v.size > 0) files.push(Buffer.from(await v.arrayBuffer()));
  }
  return { files, fields };
}
