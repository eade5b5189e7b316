import { Invalid, PayloadTooLarge, UnsupportedMediaType, type AppError } from '../errors.ts';
import { DEFAULT_MAX_BODY_BYTES, MAX_FILE_BYTES } from './body-limits.ts';

interface BodySource {
  request: Request;
  locals: App.Locals;
}

/**
 * The one way a route reads its body: streamed through the route's cap, whatever Content-Length says
 * (chunked bodies have none). Over the cap it stops reading and throws PayloadTooLarge (413); the
 * middleware closes the connection, so the rest is never read.
 */
export async function readBody(src: BodySource): Promise<Buffer> {
  const refusal: AppError | null = src.locals.refusal ?? null;
  if (refusal) throw refusal;
  const limit = src.locals.bodyLimit ?? DEFAULT_MAX_BODY_BYTES;
  if (!src.request.body) return Buffer.alloc(0);
  const reader = src.request.body.getReader();
  const partFits = partCap(src.request.headers.get('content-type'));
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    const overPart = partFits !== null && !partFits(value);
    if (size > limit || overPart) {
      // Not cancel(): that would destroy the socket before the 413 is written.
      reader.releaseLock();
      throw new PayloadTooLarge(overPart ? 'media.tooLarge' : undefined);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** One part of a multipart body: a file at its cap plus the part's headers. */
const MAX_PART_BYTES = MAX_FILE_BYTES + 16 * 1024;

/**
 * For a multipart body, a check fed each chunk that says whether the current part is still within
 * MAX_PART_BYTES. The photo form's cap allows eight files, so without it one 100 MB file under that cap
 * was read whole (and copied twice by the form parser) before the image pipeline refused it.
 */
function partCap(contentType: string | null): ((chunk: Uint8Array) => boolean) | null {
  const m = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`, 'latin1');
  // The last delimiter-length-minus-one bytes, so a delimiter split across two chunks is still found.
  let tail = Buffer.alloc(0);
  let sinceDelimiter = 0;
  return (chunk) => {
    const buf = Buffer.concat([tail, chunk]);
    const at = buf.lastIndexOf(delimiter);
    sinceDelimiter = at >= 0 ? buf.byteLength - at - delimiter.byteLength : sinceDelimiter + chunk.byteLength;
    tail = Buffer.from(buf.subarray(Math.max(0, buf.byteLength - delimiter.byteLength + 1)));
    return sinceDelimiter <= MAX_PART_BYTES;
  };
}

const mediaType = (src: BodySource) => (src.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * A JSON body (empty is `{}`); malformed JSON is a 400 like any other bad input. A body of another declared
 * type is refused (415): a form or text/plain body is what another site's form can send without asking.
 */
export async function readJsonBody(src: BodySource): Promise<unknown> {
  const bytes = await readBody(src);
  if (bytes.length && !JSON_TYPE.test(mediaType(src))) throw new UnsupportedMediaType();
  const text = new TextDecoder().decode(bytes);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid({ _: ['validation.badJson'] }, 'validation.badJson');
  }
}

/**
 * A urlencoded or multipart form, read through the cap (as Request.formData() would parse it). Any other
 * body type is refused (415) and a form that does not parse is bad input (400), never a server error.
 */
export async function readForm(src: BodySource): Promise<FormData> {
  if (src.locals.refusal) throw src.locals.refusal;
  if (!FORM_TYPES.includes(mediaType(src))) throw new UnsupportedMediaType();
  const bytes = await readBody(src);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': src.request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw new Invalid({ _: ['validation.badForm'] }, 'validation.badForm');
  }
  // PostgreSQL text cannot hold a NUL (parseInput drops it too): a photo's alt text with one answered 500 there.
  if (![...form.values()].some((v) => typeof v === 'string' && v.includes('\0'))) return form;
  const clean = new FormData();
  for (const [k, v] of form.entries()) clean.append(k.replaceAll('\0', ''), typeof v === 'string' ? v.replaceAll('\0', '') : v);
  return clean;
}
