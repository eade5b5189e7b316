import { Invalid, PayloadTooLarge, type AppError } from '../errors.ts';
import { DEFAULT_MAX_BODY_BYTES } from './body-limits.ts';

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
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancel(): that would destroy the socket before the 413 is written.
      reader.releaseLock();
      throw new PayloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** A JSON body (empty is `{}`); malformed JSON is a 400 like any other bad input. */
export async function readJsonBody(src: BodySource): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(src));
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid({ _: ['validation.badJson'] }, 'validation.badJson');
  }
}

/** A urlencoded or multipart form, read through the cap (as Request.formData() would parse it). */
export async function readForm(src: BodySource): Promise<FormData> {
  const bytes = await readBody(src);
  return await new Response(new Uint8Array(bytes), {
    headers: { 'content-type': src.request.headers.get('content-type') ?? '' },
  }).formData();
}
