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
  const type = src.request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) throw new Invalid({ [opts.field]: ['catalog.photoMissing'] }, 'catalog.photoMissing');
  let form: FormData;
  try {
    form = await readForm(src);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
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
