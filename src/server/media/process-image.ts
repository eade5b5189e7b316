import { MAX_FILE_BYTES } from '../http/body-limits.ts';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { Invalid } from '../errors.ts';

export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES;
/** About 40 megapixels: enough for any phone photo, and it stops decompression bombs before decoding. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const WIDTHS = [320, 640, 1280] as const;
export const FORMATS = ['avif', 'webp', 'jpg'] as const;
export type ImageFormat = (typeof FORMATS)[number];

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'avif']);

export interface ProcessedImage {
  originalFormat: string;
  original: Buffer;
  width: number;
  height: number;
  /** Rendered files: name like "640.webp" -> bytes. */
  files: Map<string, Buffer>;
  widths: number[];
  placeholder: string;
}

/**
 * Check an upload by its content (never its name or declared type), then auto-rotate, strip EXIF/GPS
 * and re-encode to AVIF, WebP and JPEG at 320/640/1280 px wide (never upscaled) plus a tiny blurred
 * placeholder. The original is kept as uploaded, for reprocessing later; it is never served publicly.
 */
export async function processImage(input: Buffer, opts: { widths?: readonly number[]; keepAlpha?: boolean } = {}): Promise<ProcessedImage> {
  if (input.byteLength === 0) throw new Invalid({ file: ['media.empty'] });
  if (input.byteLength > MAX_UPLOAD_BYTES) throw new Invalid({ file: ['media.tooLarge'] });
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (e) {
    // A decompression bomb is refused by libvips' pixel limit; say so rather than "not an image".
    throw new Invalid({ file: [/pixel limit/i.test(String((e as Error)?.message)) ? 'media.tooManyPixels' : 'media.notImage'] });
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new Invalid({ file: ['media.notImage'] });
  if (!meta.width || !meta.height) throw new Invalid({ file: ['media.notImage'] });
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Invalid({ file: ['media.tooManyPixels'] });

  const widths = opts.widths ?? WIDTHS;
  // Decoded, rotated and shrunk once, to the widest rendering: every file derives from these pixels. Decoding the
  // whole photo again for each of the ten outputs was most of an upload's time and memory (scripts/bench-images.ts).
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: Math.max(...widths, 16), withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new Invalid({ file: ['media.notImage'] });
  }
  const swapped = (meta.orientation ?? 1) >= 5;
  const rotated = { width: swapped ? meta.height : meta.width, height: swapped ? meta.width : meta.height };
  const { width: rawWidth, height: rawHeight, channels } = pixels.info;
  const base = () => sharp(pixels.data, { raw: { width: rawWidth, height: rawHeight, channels } });
  const files = new Map<string, Buffer>();
  // Widths above the original render at the original's width: encode each real width once and reuse it.
  const done = new Map<number, number>();
  const fallback = opts.keepAlpha ? 'png' : 'jpg';
  for (const w of widths) {
    const target = Math.min(w, rawWidth);
    const same = done.get(target);
    if (same !== undefined) {
      for (const ext of ['avif', 'webp', fallback]) files.set(`${w}.${ext}`, files.get(`${same}.${ext}`)!);
      continue;
    }
    done.set(target, w);
    const resized = () => base().resize({ width: target, withoutEnlargement: true });
    files.set(`${w}.avif`, await resized().avif({ quality: 50, effort: 2 }).toBuffer());
    files.set(`${w}.webp`, await resized().webp({ quality: 72 }).toBuffer());
    const jpeg = opts.keepAlpha
      ? resized().png({ compressionLevel: 9 })
      : resized().flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true });
    files.set(`${w}.${fallback}`, await jpeg.toBuffer());
  }
  const tiny = await base().resize({ width: 16 }).blur(1).webp({ quality: 30 }).toBuffer();
  return {
    originalFormat: meta.format,
    original: input,
    width: rotated.width,
    height: rotated.height,
    files,
    widths: widths.slice(),
    placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
  };
}
