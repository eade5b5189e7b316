import { Invalid } from '../errors.ts';
import { readForm } from './body.ts';

/**
 * Read a multipart/form-data request through the route's body cap (body.ts): the non-empty files of one
 * field, and the text fields. Refuses (400) a request that is not multipart. A file input left empty
 * arrives as a nameless zero-byte part; it is skipped.
 */
export async function readUploads(
  src: { request: Request; locals: App.Locals },
  opts: { field: string },
): Promise<{ files: Buffer[]; fields: Record<string, string> }> {
  return splitForm(await readMultipart(src, opts.field), opts.field);
}

/** One file with its name (a spreadsheet import keeps the name to show it back), and the text fields. */
export async function readOneUpload(
  src: { request: Request; locals: App.Locals },
  opts: { field: string; missing: string },
): Promise<{ file: { bytes: Buffer; name: string } | null; fields: Record<string, string> }> {
  const form = await readMultipart(src, opts.field, opts.missing);
  const { files, fields } = await splitForm(form, opts.field);
  const part = form.get(opts.field);
  return { file: files[0] ? { bytes: files[0], name: part instanceof File ? part.name : '' } : null, fields };
}

async function readMultipart(
  src: { request: Request; locals: App.Locals },
  field: string,
  missing = 'catalog.photoMissing',
): Promise<FormData> {
  const type = src.request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) throw new Invalid({ [field]: [missing] }, missing);
  let form: FormData;
  try {
    form = await readForm(src);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new Invalid({ [field]: [missing] }, missing);
  }
  return form;
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
